extension SecretsDetector {
    /// AWS secret access keys: exactly 40 characters of `A–Z a–z 0–9 / +` mixing upper case,
    /// lower case and digits, counted only within 200 bytes of an access key id already found
    /// or of a name that says what it is (`aws_secret_access_key`, `SecretAccessKey`). Alone,
    /// 40 such characters are as likely a hash or base64 of anything.
    static func awsSecretKeys(
        in bytes: UnsafeBufferPointer<UInt8>, near keys: [GuardrailFinding], into found: inout [GuardrailFinding]
    ) {
        var anchors = keys.filter { $0.category == .awsAccessKey }.map(\.utf8Range)
        anchors += secretKeyNames(in: bytes)
        guard !anchors.isEmpty else { return }
        bytes.forEachRun(where: isSecretKeyByte) { run in
            guard run.count == 40, !bytes.byte(at: run.upperBound).isWordByte, !bytes.byte(at: run.lowerBound - 1).isWordByte else { return }
            let key = UnsafeBufferPointer(rebasing: bytes[run])
            let mixed = key.contains(where: \.isASCIIUpper) && key.contains(where: \.isASCIILower) && key.contains(where: \.isASCIIDigit)
            let near = anchors.contains { abs($0.lowerBound - run.lowerBound) <= 200 }
            if mixed, near, !anchors.contains(where: { $0.overlaps(run) }) {
                found.append(GuardrailFinding(.awsSecretKey, run))
            }
        }
    }

    private static func isSecretKeyByte(_ byte: UInt8) -> Bool {
        byte.isASCIIAlnum || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "+")
    }

    /// Where the text names a secret access key, in the spellings of the CLI config, the
    /// environment and the SDKs: `aws_secret_access_key`, `AWS_SECRET_ACCESS_KEY`,
    /// `SecretAccessKey`, `secret access key`.
    private static func secretKeyNames(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var names: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] | 0x20 == UInt8(ascii: "s"), bytes.matches("secret", at: index, ignoringCase: true) {
                var position = index + 6
                if bytes.byte(at: position) == UInt8(ascii: "_") || bytes.byte(at: position) == UInt8(ascii: " ") { position += 1 }
                if bytes.matches("access", at: position, ignoringCase: true) {
                    names.append(index..<(position + 6))
                    index = position + 6
                    continue
                }
            }
            index += 1
        }
        return names
    }
}
