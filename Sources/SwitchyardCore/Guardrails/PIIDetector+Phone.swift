extension PIIDetector {
    /// Phone numbers in three shapes, everything else being too easy to confuse with dates,
    /// versions, amounts and ids:
    /// - international: `+` (or `00`) then 8–15 digits, with or without separators;
    /// - North American: `(415) 555-2671`, `415-555-2671`, `1 415 555 2671` — groups 3-3-4,
    ///   area code and exchange starting 2–9;
    /// - national with a trunk `0`: `020 7946 0958`, `07700 900123`, `(030) 1234567` —
    ///   10–12 digits in at least two groups of two or more.
    /// A plain run of digits without `+` never counts: it is as likely an order number.
    static func phoneNumbers(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "+") || byte == UInt8(ascii: "(") || byte.isASCIIDigit, isNumberStart(bytes, index) else {
                index += 1
                continue
            }
            let candidate = PhoneCandidate(bytes, from: index)
            if candidate.isPhoneNumber, !continuesAsNumber(bytes, candidate.end) {
                found.append(GuardrailFinding(.phone, index..<candidate.end))
            }
            index = max(candidate.end, index + 1)
        }
    }

    /// Whether a number may start at `index`: not inside a word, an id (`#`), a path, a
    /// version or a longer number.
    static func isNumberStart(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let previous = bytes.byte(at: index - 1)
        if previous.isWordByte { return false }
        return !"+-./_#$@".utf8.contains(previous)
    }

    /// Whether the number that ended at `end` goes on (`555-2671-9`, `1.2.3.4.5`).
    static func continuesAsNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        let next = bytes.byte(at: end)
        if next.isWordByte { return true }
        let separator = next == UInt8(ascii: ".") || next == UInt8(ascii: "-") || next == UInt8(ascii: "/")
        return separator && bytes.byte(at: end + 1).isASCIIDigit
    }
}

/// One run of digits, single separators and an optional parenthesised group, as read from
/// its first byte.
private struct PhoneCandidate {
    var plus = false
    var groups: [Int] = []
    var digits: [UInt8] = []
    var usedDots = false
    var usedDashes = false
    var end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
        var index = start
        if bytes[index] == UInt8(ascii: "+") {
            plus = true
            index += 1
        }
        var current = 0
        var parenOpen = false
        var usedParens = false
        end = index
        while index < bytes.count, digits.count <= 16 {
            let byte = bytes[index]
            if byte.isASCIIDigit {
                current += 1
                digits.append(byte &- 0x30)
                index += 1
                end = index
                continue
            }
            if current > 0 {
                groups.append(current)
                current = 0
            }
            let previous = bytes.byte(at: index - 1)
            let next = bytes.byte(at: index + 1)
            if byte == UInt8(ascii: "("), !usedParens, groups.count <= 1, next.isASCIIDigit {
                parenOpen = true
                usedParens = true
            } else if byte == UInt8(ascii: ")"), parenOpen, previous.isASCIIDigit {
                parenOpen = false
                end = index + 1
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."),
                previous.isASCIIDigit || previous == UInt8(ascii: ")"), next.isASCIIDigit || next == UInt8(ascii: "(")
            {
                usedDots = usedDots || byte == UInt8(ascii: ".")
                usedDashes = usedDashes || byte == UInt8(ascii: "-")
            } else {
                break
            }
            index += 1
        }
        if current > 0 { groups.append(current) }
        if parenOpen { groups = [] }
    }

    var isPhoneNumber: Bool {
        guard !groups.isEmpty, !(usedDots && usedDashes) else { return false }
        if plus { return isInternational(digits) }
        if digits.count > 2, digits[0] == 0, digits[1] == 0 { return isInternational(Array(digits.dropFirst(2))) }
        if isNorthAmerican { return true }
        return !usedDots && isNational
    }

    private func isInternational(_ number: [UInt8]) -> Bool {
        (8...15).contains(number.count) && number.first != 0
    }

    private var isNorthAmerican: Bool {
        let shape = groups.count == 4 && digits.first == 1 ? Array(groups.dropFirst()) : groups
        guard shape == [3, 3, 4] else { return false }
        let areaStart = digits.count == 11 ? 1 : 0
        return digits[areaStart] >= 2 && digits[areaStart + 3] >= 2
    }

    private var isNational: Bool {
        guard digits.first == 0, digits.count > 1, digits[1] != 0, (10...12).contains(digits.count) else { return false }
        return groups.count >= 2 && groups.allSatisfy { $0 >= 2 } && (2...5).contains(groups[0])
    }
}
