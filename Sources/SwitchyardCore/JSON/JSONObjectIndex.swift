import Foundation

/// The top-level members of a JSON object, as byte ranges into the scanned document.
public struct JSONObjectIndex: Sendable {
    /// One `"key": value` member.
    public struct Member: Sendable {
        public var key: String
        public var keyRange: Range<Int>
        public var valueRange: Range<Int>
        public var kind: JSONKind
    }

    public var members: [Member]
    /// From the opening brace to just past the closing brace.
    public var objectRange: Range<Int>

    /// The last member with this name (JSON parsers keep the last duplicate).
    public func member(_ key: String) -> Member? {
        members.last { $0.key == key }
    }

    /// The member's value decoded as a string, or nil when absent or not a string.
    public func string(_ key: String, in bytes: UnsafeRawBufferPointer) -> String? {
        guard let member = member(key), member.kind == .string else { return nil }
        return JSONStringDecoding.decode(UnsafeRawBufferPointer(rebasing: bytes[member.valueRange]))
    }

    /// The member's value as a Bool, or nil when absent or not a boolean.
    public func bool(_ key: String, in bytes: UnsafeRawBufferPointer) -> Bool? {
        guard let member = member(key), member.kind == .bool else { return nil }
        return bytes[member.valueRange.lowerBound] == UInt8(ascii: "t")
    }

    /// The member's value as a whole number, or nil when absent, not a number, fractional or
    /// too large. Reads the digits in place (no decoder).
    public func int(_ key: String, in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let member = member(key), member.kind == .number else { return nil }
        var value = 0
        var negative = false
        for index in member.valueRange {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-") && index == member.valueRange.lowerBound {
                negative = true
                continue
            }
            guard (48...57).contains(byte), value < Int.max / 10 - 10 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return negative ? -value : value
    }

    /// The index of a member whose value is an object, or nil.
    public func object(_ key: String, in bytes: UnsafeRawBufferPointer) -> (index: JSONObjectIndex, bytes: UnsafeRawBufferPointer)? {
        guard let member = member(key), member.kind == .object else { return nil }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[member.valueRange])
        return (try? JSONScanner.indexObject(slice)).map { ($0, slice) }
    }

    /// Decodes one member's value with `JSONDecoder`.
    public func decode<T: Decodable>(_ type: T.Type, _ key: String, in bytes: UnsafeRawBufferPointer) throws -> T? {
        guard let member = member(key), member.kind != .null else { return nil }
        return try JSONDecoder().decode(T.self, from: Data(bytes[member.valueRange]))
    }
}
