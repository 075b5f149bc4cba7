extension SecretsDetector {
    /// PEM private keys: from `-----BEGIN … PRIVATE KEY-----` to the matching `-----END …-----`
    /// line, or to the end of the text when the block is cut off (half a key is still a leak).
    /// Public keys and certificates do not count.
    static func privateKeys(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        // Dashes are found with memchr: most texts have few.
        var from = 0
        while let index = bytes.firstIndex(of: UInt8(ascii: "-"), from: from) {
            guard bytes.matches("-----BEGIN ", at: index) else {
                from = index + 1
                continue
            }
            let labelStart = index + 11
            let labelEnd = bytes.runEnd(from: labelStart) { $0.isASCIIUpper || $0 == UInt8(ascii: " ") }
            guard labelEnd - labelStart <= 40, bytes.matches("-----", at: labelEnd),
                labelEnd >= labelStart + 11, bytes.matches("PRIVATE KEY", at: labelEnd - 11)
            else {
                from = labelStart
                continue
            }
            var end = bytes.count
            var position = labelEnd + 5
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "-"), bytes.matches("-----END ", at: position) {
                    let close = bytes.runEnd(from: position + 9) { $0.isASCIIUpper || $0 == UInt8(ascii: " ") }
                    end = bytes.matches("-----", at: close) ? close + 5 : close
                    break
                }
                position += 1
            }
            found.append(GuardrailFinding(.privateKey, index..<end))
            from = end
        }
    }
}
