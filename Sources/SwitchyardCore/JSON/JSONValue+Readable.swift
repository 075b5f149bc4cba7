extension JSONValue: JSONReadable {
    var kind: JSONKind {
        switch self {
        case .null: .null
        case .bool: .bool
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    var elements: [JSONValue] { arrayValue ?? [] }

    var sortedMembers: [(key: String, value: JSONValue)] {
        (objectValue ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    var byteRange: Range<Int>? { nil }

    func members(_ names: [String]) -> [JSONValue?] {
        names.map { self[$0] }
    }
}
