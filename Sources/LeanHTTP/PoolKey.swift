/// Which idle stack a connection belongs to: connections are only reused for the same host,
/// port and TLS trust.
struct PoolKey: Hashable, Sendable {
    /// The host as the resolver sees it (IPv6 without brackets).
    var host: String
    var port: Int
    /// How the server's certificate is checked; `nil` for plain `http://`.
    var tls: TLSTrust?

    init(host: String, port: Int, tls: TLSTrust? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
    }
}
