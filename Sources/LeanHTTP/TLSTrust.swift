/// How an `https://` server's certificate is checked; part of which pool a connection belongs to.
///
/// Connections are only reused for requests with the same trust, so a deployment that turns
/// verification off never lends its connections to one that verifies.
public enum TLSTrust: Hashable, Sendable {
    /// The chain must lead to a root of the system trust store, and the certificate must name
    /// the host (or IP address) of the URL.
    case systemTrustStore
    /// As ``systemTrustStore``, but the roots are the PEM certificates in the file at `path`
    /// instead of the system's.
    case caBundle(path: String)
    /// Any certificate is accepted and the host name is not checked: the connection is encrypted
    /// but not authenticated.
    case noVerification
}
