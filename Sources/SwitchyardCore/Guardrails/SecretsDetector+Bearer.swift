extension SecretsDetector {
    /// `Bearer <token>` as in an `Authorization` header: the token (not the word) counts when
    /// it is 20 or more characters of the RFC 6750 alphabet with digits in it, so "the bearer
    /// of bad news" does not.
    static func bearerTokens(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index < bytes.count {
            guard bytes[index] | 0x20 == UInt8(ascii: "b"), bytes.matches("bearer ", at: index, ignoringCase: true),
                !bytes.byte(at: index - 1).isWordByte
            else {
                index += 1
                continue
            }
            var start = index + 7
            while bytes.byte(at: start) == UInt8(ascii: " ") { start += 1 }
            var end = bytes.runEnd(from: start, where: isBearerByte)
            while end > start, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
            let token = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if token.count >= 20, token.contains(where: \.isASCIIDigit), token.contains(where: \.isASCIILetter) {
                found.append(GuardrailFinding(.bearerToken, start..<end))
            }
            index = max(end, index + 1)
        }
    }

    private static func isBearerByte(_ byte: UInt8) -> Bool {
        byte.isTokenByte || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }
}
