/// Which idle stack a connection belongs to: connections are only reused for the same host and port.
struct PoolKey: Hashable, Sendable {
    /// The host as the resolver sees it (IPv6 without brackets).
    var host: String
    var port: Int
}
