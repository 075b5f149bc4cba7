/// How the gateway checks an `https://` upstream's certificate (`litellm_params.ssl_verify`).
public enum UpstreamTrust: Hashable, Sendable {
    /// The system trust store, and the certificate must name the host.
    case systemTrustStore
    /// The PEM roots in this file instead of the system's (`ssl_verify: /path/ca.pem`, or the
    /// `SSL_CERT_FILE` environment variable), and the certificate must name the host.
    case caBundle(path: String)
    /// No check at all (`ssl_verify: false`): encrypted, but anyone can pose as the upstream.
    case noVerification
}
