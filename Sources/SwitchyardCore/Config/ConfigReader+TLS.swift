import Foundation
import Yams

extension ConfigReader {
    /// Reads `litellm_settings.ssl_verify`, the default for deployments that set none, before
    /// the model list whatever the section order; `readLiteLLMSettings` then skips the key.
    mutating func readDefaultTrust(sections: [ConfigEntry]) {
        self.defaultTrust = self.environmentTrust()
        guard let settings = sections.first(where: { $0.key == "litellm_settings" }), case .mapping = settings.value else { return }
        // Structural problems of the section are reported when it is read in full.
        var quiet = ConfigReader(environment: self.environment)
        guard let entry = quiet.entries(of: settings.value, at: settings.path)?.first(where: { $0.key == "ssl_verify" }) else { return }
        if let trust = self.trust(sslVerify: entry) { self.defaultTrust = trust }
    }

    /// An `ssl_verify` value: `true` (verify with `SSL_CERT_FILE` or the system trust store),
    /// `false` (no verification, with a warning) or the path of a PEM CA bundle, which must exist.
    mutating func trust(sslVerify entry: ConfigEntry) -> UpstreamTrust? {
        guard let text = string(entry.value, at: entry.path) else { return nil }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "on":
            return self.environmentTrust()
        case "false", "no", "off":
            warning(entry.path, "upstream TLS certificates are not verified", at: entry.value)
            return .noVerification
        default:
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory), !isDirectory.boolValue else {
                error(entry.path, "expected true, false or the path of a CA bundle; no such file: \(text)", at: entry.value)
                return nil
            }
            guard FileManager.default.isReadableFile(atPath: text) else {
                error(entry.path, "the CA bundle \(text) is not readable", at: entry.value)
                return nil
            }
            return .caBundle(path: text)
        }
    }

    /// `SSL_CERT_FILE` when it names a file (as OpenSSL and Python honour it), else the system
    /// trust store.
    private mutating func environmentTrust() -> UpstreamTrust {
        guard let path = self.environment["SSL_CERT_FILE"], !path.isEmpty else { return .systemTrustStore }
        guard FileManager.default.isReadableFile(atPath: path) else {
            warning(.root, "SSL_CERT_FILE names \(path), which is not a readable file; the system trust store is used", at: nil)
            return .systemTrustStore
        }
        return .caBundle(path: path)
    }
}
