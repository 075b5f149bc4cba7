extension PIIDetector {
    /// Addresses `local@domain.tld`: found from each `@`, expanding left over the local part
    /// and right over the domain. Neither expansion crosses another `@`, so the scan is linear.
    static func emails(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "@") else {
                index += 1
                continue
            }
            var start = index
            while start > 0, isLocalByte(bytes[start - 1]) { start -= 1 }
            while start < index, bytes[start] == UInt8(ascii: ".") { start += 1 }
            var end = bytes.runEnd(from: index + 1) { $0.isASCIIAlnum || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
            while end > index + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
            if start < index, bytes[index - 1] != UInt8(ascii: "."), isDomain(bytes, index + 1, end) {
                found.append(GuardrailFinding(.email, start..<end))
            }
            index = max(end, index + 1)
        }
    }

    private static func isLocalByte(_ byte: UInt8) -> Bool {
        byte.isASCIIAlnum || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "%")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    /// At least two non-empty labels, the last one two or more letters.
    private static func isDomain(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end > start else { return false }
        var labels = 0
        var labelStart = start
        for position in start...end where position == end || bytes[position] == UInt8(ascii: ".") {
            guard position > labelStart else { return false }
            labels += 1
            if position == end {
                let tld = labelStart..<end
                return labels >= 2 && tld.count >= 2 && tld.allSatisfy { bytes[$0].isASCIILetter }
            }
            labelStart = position + 1
        }
        return false
    }
}
