/// A JSON value that can be read member by member: a decoded `JSONValue`, or a
/// `JSONRawValue` read in place from a document's bytes. Code written against it (the
/// guardrails' text collectors) reads both alike.
protocol JSONReadable {
    associatedtype Elements: Sequence where Elements.Element == Self

    var kind: JSONKind { get }
    /// The member named `key` of an object; nil when absent or when this is not an object.
    subscript(key: String) -> Self? { get }
    /// The members named `names`, position for position (nil where absent), found in one pass:
    /// reading several members of an object with a large one among them steps over it once.
    func members(_ names: [String]) -> [Self?]
    /// The decoded string; nil for other kinds (and for a raw string that cannot be decoded).
    var stringValue: String? { get }
    var boolValue: Bool? { get }
    /// The elements of an array; none for other kinds.
    var elements: Elements { get }
    /// The members of an object sorted by name; none for other kinds.
    var sortedMembers: [(key: String, value: Self)] { get }
    /// Where the value lies in the bytes it was read from; nil for a decoded value.
    var byteRange: Range<Int>? { get }
}

extension JSONReadable {
    var isString: Bool { kind == .string }
    var isArray: Bool { kind == .array }
}

extension JSONRawValue: JSONReadable {
    var byteRange: Range<Int>? { range }
}
