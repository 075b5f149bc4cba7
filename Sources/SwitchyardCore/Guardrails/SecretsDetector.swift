/// The built-in `secrets` guardrail: provider API keys, AWS key pairs, `Bearer` tokens, PEM
/// private keys and JWTs.
///
/// Keys are recognised by their documented prefixes and lengths, then checked against
/// look-alikes: too short after the prefix, no digits (`sk-learn-models`), a UUID after the
/// prefix. Bare hex (git SHAs, UUIDs) and base64 of ordinary text never count on their own:
/// an AWS secret key needs an access key or its variable name nearby, a JWT needs a header
/// that decodes to JSON with `alg`.
public struct SecretsDetector: GuardrailDetector {
    /// The categories looked for; by default all of `GuardrailCategory.secrets`.
    public var categories: Set<GuardrailCategory>

    public init(categories: Set<GuardrailCategory> = Set(GuardrailCategory.secrets)) {
        self.categories = categories
    }

    public func findings(in text: String) -> [GuardrailFinding] {
        text.withUTF8Bytes { bytes in
            var found: [GuardrailFinding] = []
            // Keys, tokens and JWTs are runs of 20 or more bytes of their alphabets: most
            // texts have no such run, and are searched only for a PEM block.
            let credentialBytes = Self.credentialBytes
            let hasLongRun = bytes.hasRun(of: 20) { credentialBytes[Int($0)] }
            if hasLongRun {
                Self.prefixedKeys(in: bytes, into: &found)
                Self.awsSecretKeys(in: bytes, near: found, into: &found)
                Self.bearerTokens(in: bytes, into: &found)
            }
            Self.privateKeys(in: bytes, into: &found)
            if hasLongRun { Self.jsonWebTokens(in: bytes, into: &found) }
            return found.filter { categories.contains($0.category) }
        }
    }

    /// The alphabet of every key, token and JWT: letters, digits and `_ - . ~ + / =`, as a
    /// table indexed by byte (the prefilter reads every byte of every text).
    private static let credentialBytes: [Bool] = (0...255).map { value in
        let byte = UInt8(value)
        return byte.isTokenByte || Array(".~+/=".utf8).contains(byte)
    }
}
