import Synchronization

/// The gateway's in-memory view of keys, teams and users: authentication, model access,
/// budgets, rate limits and parallel limits, all decided without touching the store.
///
/// A background sync (`takePending`, then `applySync`) hands accrued spend and usage to the
/// store and reads back what every replica wrote, so limits hold across replicas to within
/// one sync interval.
public final class GovernanceLedger: Sendable {
    struct State: Sendable {
        var keys: [String: VirtualKey] = [:]
        var teams: [String: Team] = [:]
        var users: [String: GatewayUser] = [:]
        var entities: [GovernedEntity: EntityState] = [:]
        /// Bumped by every local write; a sync keeps what changed here after it began reading.
        var generation: UInt64 = 0
        /// Entities written (or deleted) here, by generation; deleted ones have no record.
        var touched: [GovernedEntity: UInt64] = [:]
        var modelWindows = ModelRateWindows()
        /// Bumped by every local hold and settlement of a job: a store read of the holds taken
        /// before one of them is stale and not applied.
        var jobHoldEdits = 0
    }

    private let state = Mutex(State())

    public init() {}

    // MARK: Records

    /// A key as stored, with the spend and budget period counted here since the last sync.
    public func key(hash: String) -> VirtualKey? {
        state.withLock { state in
            state.keys[hash].map { Self.live($0, state.entities[.key(hash)], \.spend, \.limits) }
        }
    }

    public func team(id: String) -> Team? {
        state.withLock { state in
            state.teams[id].map { Self.live($0, state.entities[.team(id)], \.spend, \.limits) }
        }
    }

    public func user(id: String) -> GatewayUser? {
        state.withLock { state in
            state.users[id].map { Self.live($0, state.entities[.user(id)], \.spend, \.limits) }
        }
    }

    /// `record` with its spend and budget reset time taken from what the ledger tracks.
    private static func live<Record>(
        _ record: Record, _ entry: EntityState?, _ spend: WritableKeyPath<Record, Double>, _ limits: WritableKeyPath<Record, BudgetLimits>
    ) -> Record {
        guard let entry else { return record }
        var record = record
        record[keyPath: spend] = entry.spend
        record[keyPath: limits].budgetResetAt = entry.limits.budgetResetAt
        return record
    }

    public var keyCount: Int { state.withLock { $0.keys.count } }

    /// Where local writes stand; pass it to `applySync` as what the sync read began after.
    public var generation: UInt64 { state.withLock { $0.generation } }

    /// Adds or replaces a key (after the store has it), keeping spend and windows counted here.
    public func upsert(_ key: VirtualKey) {
        state.withLock { state in
            state.generation += 1
            state.touched[.key(key.tokenHash)] = state.generation
            state.keys[key.tokenHash] = key
            Self.refresh(&state.entities, .key(key.tokenHash), limits: key.limits, models: key.models, blocked: key.blocked, spend: key.spend, keepSpend: true)
        }
    }

    public func upsert(_ team: Team) {
        state.withLock { state in
            state.generation += 1
            state.touched[.team(team.teamID)] = state.generation
            state.teams[team.teamID] = team
            Self.refresh(&state.entities, .team(team.teamID), limits: team.limits, models: team.models, blocked: team.blocked, spend: team.spend, keepSpend: true)
        }
    }

    public func upsert(_ user: GatewayUser) {
        state.withLock { state in
            state.generation += 1
            state.touched[.user(user.userID)] = state.generation
            state.users[user.userID] = user
            Self.refresh(&state.entities, .user(user.userID), limits: user.limits, models: user.models, blocked: false, spend: user.spend, keepSpend: true)
        }
    }

    /// Raises a key's, team's or user's `max_budget` to `budget`, what the store answered a
    /// top-up with, so the top-up admits requests here at once.
    ///
    /// Never lowers it: when two top-ups finish out of order, or a sync has already read the
    /// newer total, the larger value is the later one (top-ups only add). A budget lowered
    /// by an update on another replica arrives with the next sync, as any update does.
    public func raiseBudget(of entity: GovernedEntity, to budget: Double) {
        func raised(_ limits: BudgetLimits) -> BudgetLimits {
            var limits = limits
            limits.maxBudget = max(limits.maxBudget ?? budget, budget)
            return limits
        }
        state.withLock { state in
            switch entity {
            case .key(let hash):
                guard let key = state.keys[hash] else { return }
                state.keys[hash]?.limits = raised(key.limits)
            case .team(let id):
                guard let team = state.teams[id] else { return }
                state.teams[id]?.limits = raised(team.limits)
            case .user(let id):
                guard let user = state.users[id] else { return }
                state.users[id]?.limits = raised(user.limits)
            }
            // A sync that read the store before the top-up must not undo it here.
            state.generation += 1
            state.touched[entity] = state.generation
            if let entry = state.entities[entity] { state.entities[entity]?.limits = raised(entry.limits) }
        }
    }

    public func removeKeys(_ hashes: [String]) {
        remove(hashes.map(GovernedEntity.key))
    }

    /// Forgets deleted keys, teams and users (a team's or user's keys are removed with them).
    public func remove(_ entities: [GovernedEntity]) {
        state.withLock { state in
            state.generation += 1
            for entity in entities {
                state.touched[entity] = state.generation
                state.entities[entity] = nil
                switch entity {
                case .key(let hash): state.keys[hash] = nil
                case .team(let id): state.teams[id] = nil
                case .user(let id): state.users[id] = nil
                }
            }
        }
    }

    private static func refresh(
        _ entities: inout [GovernedEntity: EntityState],
        _ entity: GovernedEntity,
        limits: BudgetLimits,
        models: [String],
        blocked: Bool,
        spend: Double,
        keepSpend: Bool
    ) {
        guard var existing = entities[entity] else {
            entities[entity] = EntityState(limits: limits, models: models, spend: spend)
            entities[entity]?.blocked = blocked
            return
        }
        let localReset = existing.pendingReset.map { $0.nextResetAt } ?? nil
        existing.models = models
        existing.blocked = blocked
        existing.limits = limits
        if let localReset, (limits.budgetResetAt ?? 0) < localReset {
            // This replica started a new budget period the store has not recorded yet.
            existing.limits.budgetResetAt = localReset
        } else {
            existing.pendingReset = nil
            if !keepSpend { existing.storedSpend = spend }
        }
        entities[entity] = existing
    }

    // MARK: Admission

    /// Decides whether `key` may send a request for `model` now, and if so holds `estimate`
    /// USD of its budget and an in-flight slot until `settle`.
    ///
    /// - Parameter now: Unix seconds (budget periods and rate windows are wall-clock based).
    public func admit(keyHash: String, model: String, estimate: Double, now: Double) throws(GatewayError) -> Admission {
        try admit(keyHash: keyHash, models: [model], estimate: estimate, now: now)
    }

    /// `admit` for a request that names several models (its own, then the `models` and
    /// `fallbacks` it lists): every one must be on the allowlists.
    ///
    /// - Parameter mustFit: the estimate itself must fit in what is left of each budget (a
    ///   job's hold, which lasts minutes), not only the budget be unspent.
    public func admit(keyHash: String, models: [String], estimate: Double, now: Double, mustFit: Bool = false) throws(GatewayError) -> Admission {
        try state.withLock { state throws(GatewayError) -> Admission in
            guard let key = state.keys[keyHash] else {
                throw GatewayError(.unauthorized, "Invalid API key.", code: "invalid_api_key")
            }
            if key.blocked {
                throw GatewayError(.unauthorized, "This key is blocked. An admin can unblock it with /key/unblock.", code: "key_blocked")
            }
            if let expires = key.expiresAt, expires <= now {
                throw GatewayError(.unauthorized, "This key expired.", code: "key_expired")
            }
            var entities: [GovernedEntity] = [.key(keyHash)]
            if let team = key.teamID, state.teams[team] != nil { entities.append(.team(team)) }
            if let user = key.userID, state.users[user] != nil { entities.append(.user(user)) }

            var requestLimit: RateLimitState?
            var tokenLimit: RateLimitState?
            for entity in entities {
                guard var entry = state.entities[entity] else { continue }
                entry.resetBudgetIfDue(entity: entity, now: now)
                state.entities[entity] = entry
                if entry.blocked {
                    throw GatewayError(.unauthorized, "The \(entity.kind) of this key is blocked.", code: "\(entity.kind)_blocked")
                }
                if let model = models.first(where: { !Self.allows(entry.models, $0) }) {
                    throw GatewayError(
                        .forbidden,
                        "This key may not call the model `\(model)`; its \(entity.kind) allows: \(entry.models.joined(separator: ", ")).",
                        param: "model",
                        code: "model_not_allowed"
                    )
                }
                if let maxBudget = entry.limits.maxBudget, mustFit, estimate > 0, entry.spend + entry.reserved + entry.jobHeld + estimate > maxBudget {
                    let left = CostCalculator.format(max(0, maxBudget - entry.spend - entry.reserved - entry.jobHeld))
                    throw GatewayError(
                        .budgetExceeded,
                        "This job would hold $\(CostCalculator.format(estimate)) of this \(entity.kind)'s budget, which has $\(left) left of $\(CostCalculator.format(maxBudget)) (spend and running jobs counted).",
                        code: "budget_exceeded"
                    )
                }
                if let maxBudget = entry.limits.maxBudget, entry.spend + entry.reserved + entry.jobHeld >= maxBudget {
                    let spent = CostCalculator.format(entry.spend)
                    var message = "Budget exceeded for this \(entity.kind): spent $\(spent) of $\(CostCalculator.format(maxBudget))"
                    if let reset = entry.limits.budgetResetAt { message += "; the budget resets at \(Self.timestamp(reset))" }
                    throw GatewayError(
                        .budgetExceeded, message + ".", code: "budget_exceeded", retryAfter: entry.limits.budgetResetAt.map { max(1, ($0 - now).rounded(.up)) }
                    )
                }
                if let parallel = entry.limits.maxParallelRequests, entry.inFlight >= parallel {
                    throw GatewayError(
                        .rateLimited, "Too many parallel requests for this \(entity.kind): the limit is \(parallel).",
                        code: "max_parallel_requests_exceeded", retryAfter: 1
                    )
                }
                let used = entry.slidingCount(now: now)
                let minute = Int(now / 60) * 60
                let reset = Double(minute + 60) - now
                if let rpm = entry.limits.rpmLimit {
                    let state = RateLimitState(limit: rpm, remaining: max(0, rpm - Int(used.requests.rounded(.up)) - 1), resetSeconds: reset)
                    if used.requests + 1 > Double(rpm) {
                        var error = GatewayError(
                            .rateLimited, "Rate limit reached for this \(entity.kind): \(rpm) requests per minute.",
                            code: "rate_limit_exceeded", retryAfter: reset.rounded(.up)
                        )
                        error.headers = Self.headers(requests: RateLimitState(limit: rpm, remaining: 0, resetSeconds: reset), tokens: nil)
                        throw error
                    }
                    if requestLimit == nil { requestLimit = state }
                }
                if let tpm = entry.limits.tpmLimit {
                    let remaining = max(0, tpm - Int(used.tokens.rounded(.up)))
                    if remaining <= 0 {
                        var error = GatewayError(
                            .rateLimited, "Token rate limit reached for this \(entity.kind): \(tpm) tokens per minute.",
                            code: "rate_limit_exceeded", retryAfter: reset.rounded(.up)
                        )
                        error.headers = Self.headers(requests: nil, tokens: RateLimitState(limit: tpm, remaining: 0, resetSeconds: reset))
                        throw error
                    }
                    if tokenLimit == nil { tokenLimit = RateLimitState(limit: tpm, remaining: remaining, resetSeconds: reset) }
                }
            }
            let modelLimit = models.first.flatMap { model in key.modelRPMLimits[model].map { (model, $0) } }
            if let (model, rpm) = modelLimit {
                let used = state.modelWindows.used(keyHash: keyHash, model: model, now: now)
                if used + 1 > Double(rpm) {
                    let reset = Double(Int(now / 60) * 60 + 60) - now
                    var error = GatewayError(
                        .rateLimited, "Rate limit reached for this key on `\(model)`: \(rpm) requests per minute.",
                        code: "rate_limit_exceeded", retryAfter: reset.rounded(.up)
                    )
                    error.headers = Self.headers(requests: RateLimitState(limit: rpm, remaining: 0, resetSeconds: reset), tokens: nil)
                    throw error
                }
                state.modelWindows.add(keyHash: keyHash, model: model, now: now)
            }
            let minute = Int(now / 60) * 60
            for entity in entities {
                state.entities[entity]?.reserved += estimate
                state.entities[entity]?.inFlight += 1
                state.entities[entity]?.addWindow(minute: minute, requests: 1, tokens: 0)
            }
            let budgeted = entities.contains { state.entities[$0]?.limits.maxBudget != nil }
            return Admission(
                entities: entities, reserved: estimate, key: key, budgeted: budgeted, requestLimit: requestLimit, tokenLimit: tokenLimit
            )
        }
    }

    /// Ends an admitted request: releases its reservation and slot and books what it cost.
    public func settle(_ admission: Admission, cost: Double, tokens: Int, now: Double) {
        let minute = Int(now / 60) * 60
        state.withLock { state in
            for entity in admission.entities {
                guard var entry = state.entities[entity] else { continue }
                entry.reserved = max(0, entry.reserved - admission.reserved)
                entry.inFlight = max(0, entry.inFlight - 1)
                entry.pendingSpend += cost
                if tokens > 0 { entry.addWindow(minute: minute, requests: 0, tokens: tokens) }
                state.entities[entity] = entry
            }
        }
    }

    // MARK: Job holds

    /// The key, its team and its user: the entities a key's spend and holds count against.
    private static func entities(ofKey hash: String, in state: State) -> [GovernedEntity] {
        guard let key = state.keys[hash] else { return [] }
        var entities: [GovernedEntity] = [.key(hash)]
        if let team = key.teamID, state.teams[team] != nil { entities.append(.team(team)) }
        if let user = key.userID, state.users[user] != nil { entities.append(.user(user)) }
        return entities
    }

    /// Holds `amount` USD of a key's (and its team's and user's) budgets for a job that runs
    /// past its request, until `settleJob`.
    public func holdJob(keyHash: String, amount: Double) {
        state.withLock { state in
            state.jobHoldEdits += 1
            for entity in Self.entities(ofKey: keyHash, in: state) { state.entities[entity]?.jobHeld += amount }
        }
    }

    /// Ends a job's hold of `held` and books `cost` (zero for a failed job).
    public func settleJob(keyHash: String, held: Double, cost: Double) {
        state.withLock { state in
            state.jobHoldEdits += 1
            for entity in Self.entities(ofKey: keyHash, in: state) {
                guard var entry = state.entities[entity] else { continue }
                entry.jobHeld = max(0, entry.jobHeld - held)
                entry.pendingSpend += cost
                state.entities[entity] = entry
            }
        }
    }

    /// How many holds and settlements this process has made: read it before reading the
    /// holds from the store, and pass it to `setJobHolds`.
    public var jobHoldEdits: Int { state.withLock { $0.jobHoldEdits } }

    /// Replaces every hold of running jobs with what the store reports (sums by key hash), at
    /// start and after each sync, so holds taken or settled on other replicas count here. Not
    /// applied when a job was held or settled here since `edits` was read (the read may have
    /// missed it); the next sync reads again.
    public func setJobHolds(_ byKey: [String: Double], readAfter edits: Int? = nil) {
        state.withLock { state in
            if let edits, edits != state.jobHoldEdits { return }
            var totals: [GovernedEntity: Double] = [:]
            for (hash, amount) in byKey {
                for entity in Self.entities(ofKey: hash, in: state) { totals[entity, default: 0] += amount }
            }
            for entity in state.entities.keys { state.entities[entity]?.jobHeld = totals[entity] ?? 0 }
        }
    }

    /// USD held by unsettled jobs against a key's own budget.
    public func jobHeld(keyHash: String) -> Double {
        state.withLock { $0.entities[.key(keyHash)]?.jobHeld ?? 0 }
    }

    /// Whether a key (with its team and user) may call `model`, for listing models.
    public func mayUse(keyHash: String, model: String) -> Bool {
        state.withLock { state in
            guard let key = state.keys[keyHash] else { return false }
            let entities: [GovernedEntity] = [.key(keyHash)] + (key.teamID.map { [.team($0)] } ?? []) + (key.userID.map { [.user($0)] } ?? [])
            return entities.allSatisfy { entity in state.entities[entity].map { Self.allows($0.models, model) } ?? true }
        }
    }

    /// Whether `model` is on an allowlist (empty allows all; `prefix*` matches a family).
    static func allows(_ models: [String], _ model: String) -> Bool {
        if models.isEmpty { return true }
        return models.contains { allowed in
            if allowed == model || allowed == "*" { return true }
            if allowed.hasSuffix("*") { return model.hasPrefix(allowed.dropLast()) }
            return false
        }
    }

    /// `x-ratelimit-*` headers for the limits a request is under.
    public static func headers(requests: RateLimitState?, tokens: RateLimitState?) -> [String: String] {
        var headers: [String: String] = [:]
        if let requests {
            headers["x-ratelimit-limit-requests"] = String(requests.limit)
            headers["x-ratelimit-remaining-requests"] = String(requests.remaining)
            headers["x-ratelimit-reset-requests"] = "\(Int(requests.resetSeconds.rounded(.up)))s"
        }
        if let tokens {
            headers["x-ratelimit-limit-tokens"] = String(tokens.limit)
            headers["x-ratelimit-remaining-tokens"] = String(tokens.remaining)
            headers["x-ratelimit-reset-tokens"] = "\(Int(tokens.resetSeconds.rounded(.up)))s"
        }
        return headers
    }

    static func timestamp(_ unix: Double) -> String {
        ISOTime.format(unix)
    }

    // MARK: Sync

    /// What accrued here since the last sync, moved to "in transit" until `applySync`.
    public func takePending() -> SyncBatch {
        state.withLock { state in
            var batch = SyncBatch()
            for (entity, var entry) in state.entities {
                if let reset = entry.pendingReset { batch.resets.append(reset) }
                if entry.pendingSpend != 0 {
                    batch.spend.append(SpendDelta(entity: entity, amount: entry.pendingSpend))
                    entry.transitSpend += entry.pendingSpend
                    entry.pendingSpend = 0
                }
                for (minute, count) in entry.pendingWindows {
                    batch.windows.append(UsageWindow(entity: entity, minute: minute, requests: count.requests, tokens: count.tokens))
                    entry.transitWindows[minute, default: EntityState.WindowCount()].requests += count.requests
                    entry.transitWindows[minute, default: EntityState.WindowCount()].tokens += count.tokens
                }
                entry.pendingWindows = [:]
                state.entities[entity] = entry
            }
            return batch
        }
    }

    /// A sync failed: what was in transit goes back to pending, to be sent again.
    public func restoreInTransit() {
        state.withLock { state in
            for entity in state.entities.keys {
                guard var entry = state.entities[entity] else { continue }
                entry.pendingSpend += entry.transitSpend
                entry.transitSpend = 0
                for (minute, count) in entry.transitWindows {
                    entry.pendingWindows[minute, default: EntityState.WindowCount()].requests += count.requests
                    entry.pendingWindows[minute, default: EntityState.WindowCount()].tokens += count.tokens
                }
                entry.transitWindows = [:]
                state.entities[entity] = entry
            }
        }
    }

    /// Replaces the records and totals with what the store holds after a sync.
    ///
    /// - Parameter readAfter: the `generation` taken before the store was read: records
    ///   written or deleted here since then are newer than what was read, and are kept.
    public func applySync(
        keys: [VirtualKey], teams: [Team], users: [GatewayUser], windows: [UsageWindow], resetsWritten: [BudgetReset], readAfter: UInt64 = 0
    ) {
        state.withLock { state in
            var storedSpend: [GovernedEntity: Double] = [:]
            for key in keys { storedSpend[.key(key.tokenHash)] = key.spend }
            for team in teams { storedSpend[.team(team.teamID)] = team.spend }
            for user in users { storedSpend[.user(user.userID)] = user.spend }
            let newer = Set(state.touched.filter { $0.value > readAfter }.keys)
            let keys = keys.filter { !newer.contains(.key($0.tokenHash)) } + state.keys.values.filter { newer.contains(.key($0.tokenHash)) }
            let teams = teams.filter { !newer.contains(.team($0.teamID)) } + state.teams.values.filter { newer.contains(.team($0.teamID)) }
            let users = users.filter { !newer.contains(.user($0.userID)) } + state.users.values.filter { newer.contains(.user($0.userID)) }
            state.touched = state.touched.filter { $0.value > readAfter }
            let written = Set(resetsWritten.map(\.entity))
            var entities: [GovernedEntity: EntityState] = [:]
            func carry(_ entity: GovernedEntity, limits: BudgetLimits, models: [String], blocked: Bool, spend: Double) {
                var entry = state.entities[entity] ?? EntityState(limits: limits, models: models, spend: spend)
                if written.contains(entity) { entry.pendingReset = nil }
                entry.transitSpend = 0
                entry.transitWindows = [:]
                entry.storedWindows = [:]
                entities[entity] = entry
                Self.refresh(&entities, entity, limits: limits, models: models, blocked: blocked, spend: spend, keepSpend: false)
            }
            state.keys = Dictionary(keys.map { ($0.tokenHash, $0) }, uniquingKeysWith: { $1 })
            state.teams = Dictionary(teams.map { ($0.teamID, $0) }, uniquingKeysWith: { $1 })
            state.users = Dictionary(users.map { ($0.userID, $0) }, uniquingKeysWith: { $1 })
            // Spend always comes from the store (a local write never changes it).
            func spend(_ entity: GovernedEntity, _ local: Double) -> Double { storedSpend[entity] ?? state.entities[entity]?.storedSpend ?? local }
            for key in keys {
                let entity = GovernedEntity.key(key.tokenHash)
                carry(entity, limits: key.limits, models: key.models, blocked: key.blocked, spend: spend(entity, key.spend))
            }
            for team in teams {
                let entity = GovernedEntity.team(team.teamID)
                carry(entity, limits: team.limits, models: team.models, blocked: team.blocked, spend: spend(entity, team.spend))
            }
            for user in users {
                let entity = GovernedEntity.user(user.userID)
                carry(entity, limits: user.limits, models: user.models, blocked: false, spend: spend(entity, user.spend))
            }
            for window in windows {
                entities[window.entity]?.storedWindows[window.minute] = EntityState.WindowCount(requests: window.requests, tokens: window.tokens)
            }
            state.entities = entities
        }
    }
}

/// What one sync hands to the store.
public struct SyncBatch: Sendable {
    public var spend: [SpendDelta] = []
    public var windows: [UsageWindow] = []
    public var resets: [BudgetReset] = []

    public init() {}
}
