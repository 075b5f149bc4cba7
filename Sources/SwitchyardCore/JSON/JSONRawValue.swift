import Foundation

/// One value of a JSON document read where it lies: members and elements are found by
/// stepping over the bytes between them, and a string is decoded only when asked for, so
/// reading a few members of a large body allocates nothing per member.
///
/// The bytes must be well-formed JSON (validated by `JSONScanner`); on anything else the
/// answers are meaningless but every read stays in bounds. A value borrows its bytes: use it
/// only inside the `withUnsafe…Bytes` call that gave them.
struct JSONRawValue {
    let bytes: UnsafeRawBufferPointer
    /// From the value's first byte to just past its last.
    let range: Range<Int>

    /// The value that starts at `start` (after any whitespace) and ends where the grammar says.
    init(_ bytes: UnsafeRawBufferPointer, at start: Int) {
        let first = Self.skipWhitespace(bytes, from: start)
        self.bytes = bytes
        self.range = first..<Self.valueEnd(bytes, from: first)
    }

    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        self.range = range
    }

    private var firstByte: UInt8 { Self.byte(bytes, range.lowerBound) }

    var kind: JSONKind {
        switch firstByte {
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        case UInt8(ascii: "\""): .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .bool
        case UInt8(ascii: "n"): .null
        default: .number
        }
    }

    var isString: Bool { firstByte == UInt8(ascii: "\"") }

    /// The decoded string; nil for other kinds, and for a string that is not valid UTF-8 or
    /// holds a lone surrogate escape (which `JSONDecoder` refuses too).
    var stringValue: String? {
        guard isString, range.count >= 2 else { return nil }
        return JSONStringDecoding.decodeValidating(UnsafeRawBufferPointer(rebasing: bytes[range]))
    }

    var boolValue: Bool? {
        switch firstByte {
        case UInt8(ascii: "t"): true
        case UInt8(ascii: "f"): false
        default: nil
        }
    }

    /// The member named `key` of an object; nil when absent or when this is not an object.
    /// When the name repeats, the last one, which is what most parsers upstream keep (and
    /// `JSONObjectIndex` too); Foundation's `JSONDecoder` keeps the first.
    subscript(key: String) -> JSONRawValue? {
        guard firstByte == UInt8(ascii: "{") else { return nil }
        var key = key
        return key.withUTF8 { name in
            var found: JSONRawValue?
            forEachMember { keyRange, value in
                if Self.literal(bytes, keyRange, equals: name) { found = value }
            }
            return found
        }
    }

    /// The members named `names` (each the last of its name), in one pass over the object.
    func members(_ names: [String]) -> [JSONRawValue?] {
        var found = [JSONRawValue?](repeating: nil, count: names.count)
        // `forEachMember` answers nothing for what is not an object.
        forEachMember { keyRange, value in
            for position in names.indices {
                var name = names[position]
                if name.withUTF8({ Self.literal(bytes, keyRange, equals: $0) }) { found[position] = value }
            }
        }
        return found
    }

    /// Calls `body` with each member's key literal (quotes included) and value, in document order.
    func forEachMember(_ body: (Range<Int>, JSONRawValue) -> Void) {
        guard firstByte == UInt8(ascii: "{") else { return }
        var position = Self.skipWhitespace(bytes, from: range.lowerBound + 1)
        while Self.byte(bytes, position) == UInt8(ascii: "\"") {
            let keyEnd = Self.stringEnd(bytes, from: position)
            let keyRange = position..<keyEnd
            position = Self.skipWhitespace(bytes, from: keyEnd)
            guard Self.byte(bytes, position) == UInt8(ascii: ":") else { return }
            let value = JSONRawValue(bytes, at: position + 1)
            body(keyRange, value)
            position = Self.skipWhitespace(bytes, from: value.range.upperBound)
            guard Self.byte(bytes, position) == UInt8(ascii: ",") else { return }
            position = Self.skipWhitespace(bytes, from: position + 1)
        }
    }

    /// The members with their decoded names, sorted by name, each name once (its last value).
    var sortedMembers: [(key: String, value: JSONRawValue)] {
        var members: [String: JSONRawValue] = [:]
        forEachMember { keyRange, value in
            let key = JSONStringDecoding.decode(UnsafeRawBufferPointer(rebasing: bytes[keyRange])) ?? ""
            members[key] = value
        }
        return members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The elements of an array, in order; none for other kinds.
    var elements: Elements { Elements(array: self) }

    /// The elements of an array, read one after another.
    struct Elements: Sequence, IteratorProtocol {
        private let bytes: UnsafeRawBufferPointer
        private var position: Int
        private var done: Bool

        init(array: JSONRawValue) {
            bytes = array.bytes
            done = array.firstByte != UInt8(ascii: "[")
            position = done ? 0 : JSONRawValue.skipWhitespace(array.bytes, from: array.range.lowerBound + 1)
            if JSONRawValue.byte(bytes, position) == UInt8(ascii: "]") { done = true }
        }

        mutating func next() -> JSONRawValue? {
            guard !done, position < bytes.count else { return nil }
            let element = JSONRawValue(bytes, at: position)
            position = JSONRawValue.skipWhitespace(bytes, from: element.range.upperBound)
            if JSONRawValue.byte(bytes, position) == UInt8(ascii: ",") {
                position += 1
            } else {
                done = true
            }
            return element
        }
    }

    // MARK: Stepping over bytes

    @inline(__always)
    private static func byte(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    private static func skipWhitespace(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var position = start
        while position < bytes.count, JSONScanner.isWhitespace(bytes[position]) { position += 1 }
        return position
    }

    /// Just past the value starting at `start`.
    private static func valueEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        switch byte(bytes, start) {
        case UInt8(ascii: "\""):
            return stringEnd(bytes, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return containerEnd(bytes, from: start)
        default:
            var position = start
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return position
                default: position += 1
                }
            }
            return position
        }
    }

    /// Just past the closing quote of the string whose opening quote is at `start`: each `"`
    /// is found with memchr and counts when an even number of backslashes precede it.
    private static func stringEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var from = start + 1
        while let quote = JSONScanner.firstQuote(in: bytes, from: from) {
            var backslashes = 0
            while quote - backslashes - 1 > start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote + 1 }
            from = quote + 1
        }
        return bytes.count
    }

    /// Just past the bracket that closes the object or array opened at `start`.
    private static func containerEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var depth = 0
        var position = start
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position = stringEnd(bytes, from: position)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return position + 1 }
            default:
                break
            }
            position += 1
        }
        return position
    }

    /// Whether the string literal at `range` (quotes included) spells `name`.
    private static func literal(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, equals name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count >= 2 else { return false }
        let inner = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        if inner.count == name.count, inner.elementsEqual(name) { return true }
        // An escaped name (`"con\u0074ent"`) is longer than what it spells.
        guard inner.count > name.count, JSONStringDecoding.containsBackslash(inner) else { return false }
        return JSONStringDecoding.decode(UnsafeRawBufferPointer(rebasing: bytes[range])).map { $0.utf8.elementsEqual(name) } ?? false
    }
}
