extension SecretsDetector {
    /// One provider's key format: a prefix and how the rest must look.
    struct KeyFormat {
        var prefix: StaticString
        var category: GuardrailCategory
        /// Bytes after the prefix.
        var length: ClosedRange<Int>
        /// Upper-case letters and digits only (AWS access key ids).
        var upperOnly = false
    }

    /// Longer prefixes first, so `sk-ant-` wins over `sk-`.
    static let keyFormats: [KeyFormat] = [
        KeyFormat(prefix: "sk-ant-", category: .anthropicKey, length: 32...200),
        KeyFormat(prefix: "sk-proj-", category: .openAIKey, length: 20...300),
        KeyFormat(prefix: "sk-svcacct-", category: .openAIKey, length: 20...300),
        KeyFormat(prefix: "sk-admin-", category: .openAIKey, length: 20...300),
        KeyFormat(prefix: "sk-", category: .openAIKey, length: 20...200),
        KeyFormat(prefix: "AIza", category: .googleAPIKey, length: 35...35),
        KeyFormat(prefix: "github_pat_", category: .githubToken, length: 50...120),
        KeyFormat(prefix: "ghp_", category: .githubToken, length: 36...36),
        KeyFormat(prefix: "gho_", category: .githubToken, length: 36...36),
        KeyFormat(prefix: "ghu_", category: .githubToken, length: 36...36),
        KeyFormat(prefix: "ghs_", category: .githubToken, length: 36...36),
        KeyFormat(prefix: "ghr_", category: .githubToken, length: 36...36),
        KeyFormat(prefix: "xoxb-", category: .slackToken, length: 20...200),
        KeyFormat(prefix: "xoxp-", category: .slackToken, length: 20...200),
        KeyFormat(prefix: "xoxa-", category: .slackToken, length: 20...200),
        KeyFormat(prefix: "xoxr-", category: .slackToken, length: 20...200),
        KeyFormat(prefix: "xoxs-", category: .slackToken, length: 20...200),
        KeyFormat(prefix: "sk_live_", category: .stripeKey, length: 20...200),
        KeyFormat(prefix: "rk_live_", category: .stripeKey, length: 20...200),
        KeyFormat(prefix: "sk_test_", category: .stripeKey, length: 20...200),
        KeyFormat(prefix: "AKIA", category: .awsAccessKey, length: 16...16, upperOnly: true),
        KeyFormat(prefix: "ASIA", category: .awsAccessKey, length: 16...16, upperOnly: true),
    ]

    private static let prefixStarts = Set(keyFormats.map { $0.prefix.utf8Start.pointee })

    /// Every token (a maximal run of letters, digits, `_` and `-` not inside a longer word)
    /// is read once and checked against the formats by its prefix.
    static func prefixedKeys(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        bytes.forEachRun(where: \.isTokenByte) { token in
            let previous = bytes.byte(at: token.lowerBound - 1)
            // A dot or slash before means a path or host name (`docs/sk-…`, `api.sk-…`).
            if previous != UInt8(ascii: "."), previous != UInt8(ascii: "/"), previous < 0x80,
                let category = keyCategory(bytes, token.lowerBound, token.upperBound)
            {
                found.append(GuardrailFinding(category, token))
            }
        }
    }

    private static func keyCategory(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> GuardrailCategory? {
        // Every prefix starts with one of these; most words are rejected here.
        guard end - start >= 20, prefixStarts.contains(bytes[start]) else { return nil }
        for format in keyFormats where bytes.matches(format.prefix, at: start) {
            let restStart = start + format.prefix.utf8CodeUnitCount
            let rest = UnsafeBufferPointer(rebasing: bytes[restStart..<end])
            guard format.length.contains(rest.count) else { return nil }
            if format.upperOnly {
                return rest.allSatisfy { $0.isASCIIUpper || $0.isASCIIDigit } ? format.category : nil
            }
            return looksRandom(rest) && !isUUID(rest) ? format.category : nil
        }
        return nil
    }

    /// Generated keys mix letters and digits; `sk-this-is-not-a-real-key` does not.
    static func looksRandom(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var letters = 0
        var digits = 0
        for byte in text {
            if byte.isASCIILetter { letters += 1 } else if byte.isASCIIDigit { digits += 1 }
        }
        return letters >= 4 && digits >= 2
    }

    /// `8-4-4-4-12` hex: an id, not a key (`sk-<uuid>` names a resource in several APIs).
    static func isUUID(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count == 36 else { return false }
        return text.enumerated().allSatisfy { offset, byte in
            [8, 13, 18, 23].contains(offset) ? byte == UInt8(ascii: "-") : byte.isASCIIHex
        }
    }
}
