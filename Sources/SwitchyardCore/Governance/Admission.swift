/// A request let through by `GovernanceLedger.admit`: what it reserved, so `settle` can
/// release it, and the rate-limit state to report in `x-ratelimit-*` headers.
public struct Admission: Sendable {
    /// The key, then its team and user, each holding a reservation and an in-flight slot.
    public var entities: [GovernedEntity]
    /// USD held against each entity's budget until the request settles.
    public var reserved: Double
    public var key: VirtualKey
    /// Whether the key, its team or its user has a budget: a request it makes to a model
    /// with no price escapes that budget, which is worth a warning.
    public var budgeted: Bool = false
    public var requestLimit: RateLimitState?
    public var tokenLimit: RateLimitState?
}

/// A limit and what is left of it, for the `x-ratelimit-*` response headers.
public struct RateLimitState: Sendable, Hashable {
    public var limit: Int
    public var remaining: Int
    /// Seconds until the window has room again.
    public var resetSeconds: Double

    public init(limit: Int, remaining: Int, resetSeconds: Double) {
        self.limit = limit
        self.remaining = remaining
        self.resetSeconds = resetSeconds
    }
}
