import Crypto

/// Makes and hashes virtual key secrets. A secret is shown once, when it is made; only
/// its SHA-256 is kept.
public enum KeySecret {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A new secret: `sk-` and 32 characters from a 62-letter alphabet (about 190 bits).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var characters = [UInt8]()
        characters.reserveCapacity(32)
        while characters.count < 32 {
            // 248 is the largest multiple of 62 below 256: rejecting above it keeps letters uniform.
            let byte = UInt8.random(in: 0...255, using: &generator)
            if byte < 248 { characters.append(alphabet[Int(byte) % alphabet.count]) }
        }
        return "sk-" + String(decoding: characters, as: UTF8.self)
    }

    /// Hex SHA-256 of `secret`, the key's stored identity. Runs on every request with a
    /// virtual key, so the hex is written into bytes, not appended character by character.
    public static func hash(_ secret: String) -> String {
        let digest = SHA256.hash(data: Array(secret.utf8))
        return String(unsafeUninitializedCapacity: 64) { buffer in
            var index = 0
            for byte in digest {
                buffer[index] = hexDigits[Int(byte >> 4)]
                buffer[index + 1] = hexDigits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// What may be shown of a secret: `sk-...` and its last four characters.
    public static func displayName(_ secret: String) -> String {
        "sk-...\(secret.suffix(4))"
    }

    /// The stored hash for what an admin passed to identify a key: the secret itself
    /// (`sk-…`), or its hash as `/key/list` shows it.
    public static func tokenHash(forReference reference: String) -> String {
        let isHash = reference.utf8.count == 64 && reference.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        return isHash ? reference : hash(reference)
    }
}
