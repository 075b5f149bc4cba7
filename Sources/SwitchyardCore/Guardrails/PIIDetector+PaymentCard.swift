extension PIIDetector {
    /// Payment card numbers: 13–19 digits, contiguous or in groups split by single spaces or
    /// dashes, starting with an issuer digit (2–6: Mastercard, Amex, Diners, JCB, Visa,
    /// Discover, UnionPay, Maestro) and passing the Luhn check. A run of more than 19 digits
    /// is some other number and is skipped whole.
    static func paymentCards(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index < bytes.count {
            guard bytes[index].isASCIIDigit, isNumberStart(bytes, index), !followsCode(bytes, index) else {
                index += 1
                continue
            }
            var digits: [UInt8] = []
            var end = index
            var position = index
            var separator: UInt8 = 0
            while position < bytes.count, digits.count <= 19 {
                let byte = bytes[position]
                if byte.isASCIIDigit {
                    digits.append(byte &- 0x30)
                    position += 1
                    end = position
                } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-"), separator == 0 || separator == byte,
                    bytes.byte(at: position + 1).isASCIIDigit, bytes.byte(at: position - 1).isASCIIDigit
                {
                    separator = byte
                    position += 1
                } else {
                    break
                }
            }
            if (13...19).contains(digits.count), (2...6).contains(digits[0]), passesLuhn(digits),
                !continuesAsNumber(bytes, end)
            {
                found.append(GuardrailFinding(.creditCard, index..<end))
            }
            index = max(end, index + 1)
        }
    }

    /// Whether the word before `index` (across one space) mixes letters and digits, as the
    /// first group of an IBAN or an account code does: the digits continue that code.
    static func followsCode(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard bytes.byte(at: index - 1) == UInt8(ascii: " ") else { return false }
        var start = index - 1
        while start > 0, bytes[start - 1].isASCIIAlnum, index - start < 40 { start -= 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
        return word.contains(where: \.isASCIILetter) && word.contains(where: \.isASCIIDigit)
    }

    /// The Luhn checksum of card numbers: double every second digit from the right.
    static func passesLuhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }
}
