/// Requests and tokens an entity used in one minute, shared between replicas so rate
/// limits hold across all of them.
public struct UsageWindow: Sendable, Hashable {
    public var entity: GovernedEntity
    /// Unix seconds at the start of the minute.
    public var minute: Int
    public var requests: Int
    public var tokens: Int

    public init(entity: GovernedEntity, minute: Int, requests: Int, tokens: Int) {
        self.entity = entity
        self.minute = minute
        self.requests = requests
        self.tokens = tokens
    }
}

/// Spend an entity accrued since the last sync, to add to its stored total.
public struct SpendDelta: Sendable, Hashable {
    public var entity: GovernedEntity
    public var amount: Double

    public init(entity: GovernedEntity, amount: Double) {
        self.entity = entity
        self.amount = amount
    }
}

/// A budget period that ended: spend back to zero and the next reset time, applied only if
/// no other replica did it first (`previousResetAt` still matches).
public struct BudgetReset: Sendable, Hashable {
    public var entity: GovernedEntity
    public var previousResetAt: Double?
    public var nextResetAt: Double

    public init(entity: GovernedEntity, previousResetAt: Double?, nextResetAt: Double) {
        self.entity = entity
        self.previousResetAt = previousResetAt
        self.nextResetAt = nextResetAt
    }
}
