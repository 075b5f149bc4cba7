import Foundation
import SwitchyardCore

/// The scanner and Foundation's JSON parser must agree on what is JSON, where both follow
/// RFC 8259: a valid request the scanner refused would be a client error the gateway made
/// up, and a body it accepted that is not JSON would go upstream as if it were.
///
/// Where they knowingly differ, the input is not compared:
/// - Foundation accepts a trailing comma (`{"a":1,}`); the scanner, like the RFC, does not.
/// - The scanner does not check that strings are UTF-8 or that `\u` escapes pair their
///   surrogates, and accepts numbers of any size and 512 levels of nesting; Foundation
///   refuses all of these.
/// - Foundation guesses UTF-16 and UTF-32 from NUL bytes and skips a byte-order mark.
enum JSONFoundationAgreement {
    static func check(_ bytes: UnsafeRawBufferPointer, scannerError: JSONSyntaxError?) {
        guard !bytes.contains(0), !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return }
        let foundationAccepts = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
        switch (foundationAccepts, scannerError) {
        case (true, let error?):
            fuzzCheck(isTrailingComma(at: error.offset, in: bytes), "the scanner rejects JSON Foundation parses: \(error)")
        case (false, nil):
            fuzzCheck(!isComparable(bytes), "the scanner accepts what Foundation does not parse")
        default:
            break
        }
    }

    /// Whether the scanner stopped at a closing bracket that follows a comma.
    static func isTrailingComma(at offset: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "}") || bytes[offset] == UInt8(ascii: "]") else { return false }
        let before = bytes[..<offset].last { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return before == UInt8(ascii: ",")
    }

    /// Whether the input avoids everything the scanner accepts and Foundation does not.
    static func isComparable(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        let text = Array(bytes)
        let containers = text.count(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") })
        return containers < 400 && !hasSurrogateEscape(text) && !hasHugeNumber(text)
    }

    private static func hasSurrogateEscape(_ text: [UInt8]) -> Bool {
        text.indices.dropLast(3).contains { at in
            text[at] == UInt8(ascii: "\\") && text[at + 1] == UInt8(ascii: "u")
                && (text[at + 2] | 0x20) == UInt8(ascii: "d") && (UInt8(ascii: "8")...UInt8(ascii: "f")).contains(text[at + 3] | 0x20)
        }
    }

    /// An exponent of three or more digits, or a run of 300 digits: out of `Double`'s range
    /// or close to it.
    private static func hasHugeNumber(_ text: [UInt8]) -> Bool {
        var digits = 0
        var afterExponent = false
        for byte in text {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits += 1
                if digits >= 300 || (afterExponent && digits >= 3) { return true }
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                afterExponent = true
                digits = 0
            } else if (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && afterExponent && digits == 0 {
                continue
            } else {
                afterExponent = false
                digits = 0
            }
        }
        return false
    }
}
