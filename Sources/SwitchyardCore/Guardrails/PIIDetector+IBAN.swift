extension PIIDetector {
    /// IBANs: a country code, two check digits and the country's fixed number of letters and
    /// digits, contiguous or in groups of four split by single spaces, passing the ISO 13616
    /// mod-97 check. Only countries in `ibanLengths` are recognised: the length is what tells
    /// where a spaced IBAN ends and the next word begins.
    static func ibans(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index + 4 <= bytes.count {
            guard bytes[index].isASCIIUpper, bytes[index + 1].isASCIIUpper, bytes[index + 2].isASCIIDigit,
                bytes[index + 3].isASCIIDigit, !bytes.byte(at: index - 1).isWordByte,
                let length = ibanLengths[countryCode(bytes[index], bytes[index + 1])]
            else {
                index += 1
                continue
            }
            var characters: [UInt8] = []
            var position = index
            while position < bytes.count, characters.count < length {
                let byte = bytes[position]
                if byte.isASCIIAlnum {
                    characters.append(byte)
                } else if byte != UInt8(ascii: " ") || !bytes.byte(at: position + 1).isASCIIAlnum || characters.count % 4 != 0 {
                    break
                }
                position += 1
            }
            if characters.count == length, !bytes.byte(at: position).isWordByte, passesMod97(characters) {
                found.append(GuardrailFinding(.iban, index..<position))
                index = position
            } else {
                index += 1
            }
        }
    }

    private static func countryCode(_ first: UInt8, _ second: UInt8) -> UInt16 {
        UInt16(first) << 8 | UInt16(second)
    }

    /// The ISO 13616 check: the first four characters moved to the end, letters read as
    /// 10–35, the whole number mod 97 must be 1.
    static func passesMod97(_ characters: [UInt8]) -> Bool {
        var remainder = 0
        for byte in characters.dropFirst(4) + characters.prefix(4) {
            if byte.isASCIIDigit {
                remainder = (remainder * 10 + Int(byte &- 0x30)) % 97
            } else if byte.isASCIILetter {
                remainder = (remainder * 100 + Int(byte.asciiLowercased &- 0x61) + 10) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    /// IBAN lengths by country (SWIFT IBAN registry), keyed by the two code bytes.
    private static let ibanLengths: [UInt16: Int] = {
        let table: [(String, Int)] = [
            ("AD", 24), ("AE", 23), ("AL", 28), ("AT", 20), ("AZ", 28), ("BA", 20), ("BE", 16), ("BG", 22),
            ("BH", 22), ("BR", 29), ("CH", 21), ("CR", 22), ("CY", 28), ("CZ", 24), ("DE", 22), ("DK", 18),
            ("DO", 28), ("EE", 20), ("EG", 29), ("ES", 24), ("FI", 18), ("FO", 18), ("FR", 27), ("GB", 22),
            ("GE", 22), ("GI", 23), ("GL", 18), ("GR", 27), ("GT", 28), ("HR", 21), ("HU", 28), ("IE", 22),
            ("IL", 23), ("IQ", 23), ("IS", 26), ("IT", 27), ("JO", 30), ("KW", 30), ("KZ", 20), ("LB", 28),
            ("LI", 21), ("LT", 20), ("LU", 20), ("LV", 21), ("MC", 27), ("MD", 24), ("ME", 22), ("MK", 19),
            ("MR", 27), ("MT", 31), ("MU", 30), ("NL", 18), ("NO", 15), ("PK", 24), ("PL", 28), ("PS", 29),
            ("PT", 25), ("QA", 29), ("RO", 24), ("RS", 22), ("SA", 24), ("SE", 24), ("SI", 19), ("SK", 24),
            ("SM", 27), ("TN", 24), ("TR", 26), ("UA", 29), ("VG", 24), ("XK", 20),
        ]
        var lengths: [UInt16: Int] = [:]
        for (code, length) in table {
            let bytes = Array(code.utf8)
            lengths[countryCode(bytes[0], bytes[1])] = length
        }
        return lengths
    }()
}
