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

/// Turning JSON string literals into Swift strings, fast when there is nothing to unescape.
public enum JSONStringDecoding {
    /// Decodes a quoted JSON string literal (quotes included).
    public static func decode(_ literal: UnsafeRawBufferPointer) -> String? {
        guard literal.count >= 2 else { return nil }
        let inner = UnsafeRawBufferPointer(rebasing: literal[1..<(literal.count - 1)])
        if !inner.contains(UInt8(ascii: "\\")) {
            return String(decoding: inner, as: UTF8.self)
        }
        return unescape(literal)
    }

    /// Decodes a quoted JSON string literal that contains escapes.
    public static func unescape(_ literal: UnsafeRawBufferPointer) -> String? {
        try? JSONDecoder().decode(String.self, from: Data(literal))
    }

    /// The JSON literal for `string`, quotes included.
    public static func encode(_ string: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(string.utf8.count + 2)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}
