/// What the ledger tracks for one key, team or user between syncs with the store.
struct EntityState: Sendable {
    var limits: BudgetLimits
    var models: [String]
    var blocked: Bool = false
    /// Spend as the store last reported it.
    var storedSpend: Double = 0
    /// Spend accrued here and not yet handed to the store.
    var pendingSpend: Double = 0
    /// Spend handed to the store by a sync that has not finished.
    var transitSpend: Double = 0
    /// Budget held by requests in flight.
    var reserved: Double = 0
    /// Budget held by media jobs that have not settled, on any replica: what the store last
    /// reported, plus holds taken and settled here since.
    var jobHeld: Double = 0
    var inFlight: Int = 0
    /// Per-minute totals across replicas, as the store last reported them.
    var storedWindows: [Int: WindowCount] = [:]
    var pendingWindows: [Int: WindowCount] = [:]
    var transitWindows: [Int: WindowCount] = [:]
    /// A budget reset done here that the store has not recorded yet.
    var pendingReset: BudgetReset?

    struct WindowCount: Sendable, Hashable {
        var requests = 0
        var tokens = 0
    }

    init(limits: BudgetLimits, models: [String], spend: Double) {
        self.limits = limits
        self.models = models
        self.storedSpend = spend
    }

    var spend: Double { storedSpend + pendingSpend + transitSpend }

    func count(minute: Int) -> WindowCount {
        let parts = [storedWindows[minute], pendingWindows[minute], transitWindows[minute]]
        return parts.reduce(into: WindowCount()) { total, part in
            total.requests += part?.requests ?? 0
            total.tokens += part?.tokens ?? 0
        }
    }

    /// Requests and tokens in the sliding minute ending at `now`: this minute plus the
    /// share of the previous one still inside the window (the sliding-window counter).
    func slidingCount(now: Double) -> (requests: Double, tokens: Double) {
        let minute = Int(now / 60) * 60
        let weight = 1 - (now - Double(minute)) / 60
        let current = count(minute: minute)
        let previous = count(minute: minute - 60)
        return (
            Double(previous.requests) * weight + Double(current.requests),
            Double(previous.tokens) * weight + Double(current.tokens)
        )
    }

    mutating func addWindow(minute: Int, requests: Int, tokens: Int) {
        pendingWindows[minute, default: WindowCount()].requests += requests
        pendingWindows[minute, default: WindowCount()].tokens += tokens
    }

    /// Starts a new budget period if the current one ended by `now`.
    mutating func resetBudgetIfDue(entity: GovernedEntity, now: Double) {
        guard let duration = limits.budgetDuration else { return }
        guard let resetAt = limits.budgetResetAt else {
            limits.budgetResetAt = duration.nextReset(after: now)
            pendingReset = BudgetReset(entity: entity, previousResetAt: nil, nextResetAt: limits.budgetResetAt ?? now)
            return
        }
        guard resetAt <= now else { return }
        let next = duration.nextReset(after: now)
        pendingReset = BudgetReset(entity: entity, previousResetAt: pendingReset?.previousResetAt ?? resetAt, nextResetAt: next)
        limits.budgetResetAt = next
        storedSpend = 0
        pendingSpend = 0
        transitSpend = 0
    }
}
