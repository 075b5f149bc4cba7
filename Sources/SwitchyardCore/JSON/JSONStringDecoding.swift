import Foundation

/// Turning JSON string literals into Swift strings, fast when there is nothing to unescape.
public enum JSONStringDecoding {
    /// Decodes a quoted JSON string literal (quotes included); invalid UTF-8 outside escapes
    /// is repaired with U+FFFD.
    public static func decode(_ literal: UnsafeRawBufferPointer) -> String? {
        guard literal.count >= 2 else { return nil }
        let inner = UnsafeRawBufferPointer(rebasing: literal[1..<(literal.count - 1)])
        if !containsBackslash(inner) {
            return String(decoding: inner, as: UTF8.self)
        }
        return unescape(literal)
    }

    /// Decodes a quoted JSON string literal as `JSONDecoder` does: nil when it is not valid
    /// UTF-8 or an escape spells a lone surrogate.
    public static func decodeValidating(_ literal: UnsafeRawBufferPointer) -> String? {
        guard literal.count >= 2 else { return nil }
        let inner = UnsafeRawBufferPointer(rebasing: literal[1..<(literal.count - 1)])
        if !containsBackslash(inner) {
            return inner.withMemoryRebound(to: UInt8.self) { String(validating: $0, as: UTF8.self) }
        }
        return unescape(literal)
    }

    /// Decodes a quoted JSON string literal that contains escapes; nil when an escape is
    /// malformed or spells a lone surrogate, or the result is not valid UTF-8.
    public static func unescape(_ literal: UnsafeRawBufferPointer) -> String? {
        guard literal.count >= 2 else { return nil }
        let end = literal.count - 1
        var out: [UInt8] = []
        out.reserveCapacity(end)
        var index = 1
        while index < end {
            let byte = literal[index]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < end else { return nil }
            let escaped = literal[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hexQuad(literal, index, end) else { return nil }
                index += 4
                if (0xDC00..<0xE000).contains(scalar) { return nil }
                if (0xD800..<0xDC00).contains(scalar) {
                    guard index + 1 < end, literal[index] == UInt8(ascii: "\\"), literal[index + 1] == UInt8(ascii: "u"),
                        let low = hexQuad(literal, index + 2, end), (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                UTF8.encode(unicode) { out.append($0) }
            default:
                return nil
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// The value of the four hex digits at `index`, or nil.
    private static func hexQuad(_ literal: UnsafeRawBufferPointer, _ index: Int, _ end: Int) -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in index..<(index + 4) {
            let byte = literal[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Whether `bytes` holds a backslash, found with memchr.
    static func containsBackslash(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(UInt8(ascii: "\\")), bytes.count) != nil
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
