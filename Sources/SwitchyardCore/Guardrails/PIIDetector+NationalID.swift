extension PIIDetector {
    /// US Social Security numbers written `AAA-GG-SSSS` (the dashed form only: nine bare digits
    /// are as likely anything else). Never issued, so not counted: area 000, 666 and 900–999,
    /// group 00, serial 0000.
    static func socialSecurityNumbers(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index + 11 <= bytes.count {
            guard bytes[index].isASCIIDigit, isNumberStart(bytes, index),
                let area = number(bytes, index, 3), bytes[index + 3] == UInt8(ascii: "-"),
                let group = number(bytes, index + 4, 2), bytes[index + 6] == UInt8(ascii: "-"),
                let serial = number(bytes, index + 7, 4), !continuesAsNumber(bytes, index + 11)
            else {
                index += 1
                continue
            }
            if area != 0, area != 666, area < 900, group != 0, serial != 0 {
                found.append(GuardrailFinding(.usSSN, index..<(index + 11)))
            }
            index += 11
        }
    }

    /// UK National Insurance numbers, `QQ123456C` or `QQ 12 34 56 C`, upper case: two prefix
    /// letters (not D, F, I, Q, U, V; the second not O; not BG, GB, NK, KN, TN, NT, ZZ), six
    /// digits and a suffix A–D.
    static func nationalInsuranceNumbers(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index + 9 <= bytes.count {
            guard bytes[index].isASCIIUpper, bytes[index + 1].isASCIIUpper, !bytes.byte(at: index - 1).isWordByte,
                isNINOPrefix(bytes[index], bytes[index + 1])
            else {
                index += 1
                continue
            }
            var position = index + 2
            var digits = 0
            while position < bytes.count, digits < 6 {
                if bytes[position].isASCIIDigit {
                    digits += 1
                } else if bytes[position] != UInt8(ascii: " ") || digits % 2 != 0 {
                    break
                }
                position += 1
            }
            if bytes.byte(at: position) == UInt8(ascii: " ") { position += 1 }
            let suffix = bytes.byte(at: position)
            if digits == 6, (UInt8(ascii: "A")...UInt8(ascii: "D")).contains(suffix), !bytes.byte(at: position + 1).isWordByte {
                found.append(GuardrailFinding(.ukNINO, index..<(position + 1)))
                index = position + 1
            } else {
                index += 1
            }
        }
    }

    private static func isNINOPrefix(_ first: UInt8, _ second: UInt8) -> Bool {
        let excluded = Array("DFIQUV".utf8)
        guard !excluded.contains(first), !excluded.contains(second), second != UInt8(ascii: "O") else { return false }
        let prefix = String(decoding: [first, second], as: UTF8.self)
        return !["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].contains(prefix)
    }

    /// The decimal value of `count` digits at `start`, or nil when one is not a digit.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for position in start..<(start + count) {
            guard bytes[position].isASCIIDigit else { return nil }
            value = value * 10 + Int(bytes[position] &- 0x30)
        }
        return value
    }
}
