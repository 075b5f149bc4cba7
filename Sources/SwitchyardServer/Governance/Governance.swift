import Logging
import Synchronization
import SwitchyardCore

/// Keys, budgets, limits and the spend log for the whole gateway: decisions from the
/// in-memory ledger, persistence through the store in the background.
final class Governance: Sendable {
    let ledger = GovernanceLedger()
    let store: any GovernanceStore
    let logs: SpendLogQueue
    let clock: any GatewayClock
    let settings: GeneralSettings
    let metrics: GatewayMetrics
    let unpricedModels = UnpricedModelWarnings()
    private let masterKey: [UInt8]?
    /// Hashes the store did not know at their last lookup, forgotten at each sync: clients
    /// of an open gateway send made-up keys, and those must not cost a store query each.
    private let unknownKeys = Mutex(Set<String>())
    /// Creates the schema and loads every key, team and user; requests that need the store
    /// wait for it.
    let ready: Task<Void, any Error>
    /// Set once `ready` has loaded everything (keys and the holds of running jobs), so no key
    /// is admitted on half the state: a key is known before its jobs' holds are.
    private let loaded = LoadedFlag()

    init(store: any GovernanceStore, settings: GeneralSettings, clock: any GatewayClock, metrics: GatewayMetrics, logQueueCapacity: Int = 100_000) {
        self.store = store
        self.settings = settings
        self.clock = clock
        self.metrics = metrics
        self.logs = SpendLogQueue(capacity: logQueueCapacity)
        self.masterKey = settings.masterKey.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        let ledger = ledger
        let loaded = loaded
        self.ready = Task {
            try await store.migrate()
            async let keys = store.allKeys()
            async let teams = store.allTeams()
            async let users = store.allUsers()
            let windows = try await store.usage(since: Int(clock.wallTime() / 60) * 60 - 60)
            ledger.applySync(keys: try await keys, teams: try await teams, users: try await users, windows: windows, resetsWritten: [])
            // Jobs still running hold their cost again, as they did before the restart.
            let edits = ledger.jobHoldEdits
            ledger.setJobHolds(try await store.heldJobCosts(), readAfter: edits)
            loaded.value.store(true, ordering: .releasing)
        }
    }

    var hasMasterKey: Bool { masterKey != nil }

    // MARK: Authentication

    /// Who presented `key`: the master key, a virtual key, or (open gateway only) anyone.
    func identify(_ presented: String?) async throws -> CallerIdentity {
        guard let presented, !presented.isEmpty else {
            guard masterKey == nil else {
                throw GatewayError(
                    .unauthorized,
                    "Missing API key. Pass it as 'Authorization: Bearer <key>', 'x-api-key', 'x-goog-api-key' or '?key='.",
                    code: "missing_api_key"
                )
            }
            return .anonymous
        }
        if let masterKey, Self.constantTimeEquals(Array(presented.utf8), masterKey) {
            return .master
        }
        let hash = KeySecret.hash(presented)
        if let identity = try await virtualKey(hash: hash) { return identity }
        guard masterKey == nil else { throw Self.invalidKey }
        return .anonymous
    }

    /// Who a stored resource's owner (`ResponseOwner.keyHash`) acts as now: the work the
    /// gateway does later on a caller's behalf (a batch's lines) is refused as the caller would
    /// be, once its key is blocked, expired or deleted.
    func identity(ofOwner keyHash: String) async throws -> CallerIdentity {
        switch keyHash {
        case "master": return .master
        case "open":
            guard masterKey == nil else { throw Self.invalidKey }
            return .anonymous
        default:
            guard let identity = try await virtualKey(hash: keyHash) else { throw Self.invalidKey }
            return identity
        }
    }

    /// The virtual key with this hash, when it exists and may be used now.
    private func virtualKey(hash: String) async throws -> CallerIdentity? {
        guard let key = try await knownKey(hash) else { return nil }
        if key.blocked {
            throw GatewayError(.unauthorized, "This key is blocked. An admin can unblock it with /key/unblock.", code: "key_blocked")
        }
        if let expires = key.expiresAt, expires <= clock.wallTime() {
            throw GatewayError(.unauthorized, "This key expired.", code: "key_expired")
        }
        let isAdmin = key.userID.flatMap { ledger.user(id: $0) }?.isAdmin ?? false
        return .virtualKey(hash: hash, isAdmin: isAdmin)
    }

    private static let invalidKey = GatewayError(.unauthorized, "Invalid API key.", code: "invalid_api_key")

    /// The key from memory, or (made on another replica since the last sync) from the store.
    private func knownKey(_ hash: String) async throws -> VirtualKey? {
        if loaded.value.load(ordering: .acquiring), let key = ledger.key(hash: hash) { return key }
        if unknownKeys.withLock({ $0.contains(hash) }) { return nil }
        do {
            try await ready.value
            if let key = ledger.key(hash: hash) { return key }
            guard let key = try await store.key(hash: hash) else {
                unknownKeys.withLock { unknown in
                    if unknown.count >= 10_000 { unknown.removeAll() }
                    unknown.insert(hash)
                }
                return nil
            }
            ledger.upsert(key)
            return key
        } catch {
            throw GatewayError(.upstreamUnavailable, "The key store is unavailable: \(error)", code: "store_unavailable")
        }
    }

    /// Compares without an early exit, so timing does not reveal how much of a key matched.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(lhs.count == rhs.count ? 0 : 1)
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }

    // MARK: Admission and settlement

    /// Admits a request under `identity` (budgets, limits, and every model it names on the
    /// allowlist) and opens its account.
    ///
    /// - Parameter models: the model asked for first, then every other model the client named
    ///   (`models`, `fallbacks`); each must be allowed. Read only for a virtual key.
    /// - Parameter batchPriced: a batch line, charged at `model_info.batch_discount`.
    func meter(
        identity: CallerIdentity,
        models: @autoclosure () -> [String],
        estimate: @autoclosure () -> Double,
        modelGroup: String,
        callType: String,
        requestID: String,
        tags: [String],
        charged: Bool = true,
        batchPriced: Bool = false,
        mustFit: Bool = false,
        trace: RequestTrace? = nil,
        logger: Logger
    ) throws(GatewayError) -> RequestMeter {
        var admission: Admission?
        if let hash = identity.keyHash {
            do {
                admission = try ledger.admit(keyHash: hash, models: models(), estimate: estimate(), now: clock.wallTime(), mustFit: mustFit)
            } catch where error.kind == .budgetExceeded && settings.budgetExceededStatus == 429 {
                // `budget_exceeded_status: 429`: the same refusal, as a rate limit.
                var limited = GatewayError(.rateLimited, error.message, code: "budget_exceeded", retryAfter: error.retryAfter ?? 60)
                limited.headers = error.headers
                throw limited
            }
        }
        return RequestMeter(
            governance: self, admission: admission, requestID: requestID, callType: callType, modelGroup: modelGroup, tags: tags, charged: charged,
            batchPriced: batchPriced, trace: trace, logger: logger
        )
    }

    /// Books a finished request: releases its hold, adds its cost, queues its log row.
    /// - Parameter deploymentGroup: the answering deployment's configured `model_name`, which
    ///   labels the spend metric (never a name the client made up).
    /// - Parameter savedByCache: for an answer from the response cache, what it would have
    ///   cost; its tokens are logged but count against no tokens-per-minute limit.
    func record(
        _ meter: RequestMeter, status: Int, usage metered: MeteredUsage?, charge: Charge, costKnown: Bool, deployment: String?, deploymentGroup: String?,
        provider: String?, savedByCache: Double? = nil, logged: Bool = true
    ) {
        let now = clock.wallTime()
        let usage = metered?.tokens
        let cost = charge.cost
        if let admission = meter.admission {
            ledger.settle(admission, cost: cost, tokens: savedByCache == nil ? usage?.totalTokens ?? 0 : 0, now: now)
        }
        if cost > 0 { metrics.increment(GatewayMetrics.spend, ["model_group": deploymentGroup ?? "unknown"], by: cost) }
        guard logged, !settings.disableSpendLogs else { return }
        let key = meter.admission?.key
        let entry = SpendLogEntry(
            requestID: meter.requestID,
            callType: meter.callType,
            keyHash: key?.tokenHash,
            keyAlias: key?.keyAlias,
            teamID: key?.teamID,
            userID: key?.userID,
            modelGroup: meter.modelGroup,
            model: deployment,
            provider: provider,
            spend: cost,
            listCost: charge.listCost,
            billingMultiplier: charge.multiplier,
            costKnown: costKnown,
            units: metered?.unitsJSON,
            cacheHit: savedByCache != nil,
            savedCost: savedByCache ?? 0,
            promptTokens: usage?.promptTokens ?? 0,
            completionTokens: usage?.completionTokens ?? 0,
            totalTokens: usage?.totalTokens,
            startTime: meter.startTime,
            endTime: now,
            status: status,
            tags: Self.tags(key?.tags ?? [], meter.tags)
        )
        if !logs.enqueue(entry) {
            metrics.increment(GatewayMetrics.spendLogsDropped, [:])
        }
    }

    /// A key's tags and a request's, once each.
    static func tags(_ keyTags: [String], _ requestTags: [String]) -> [String] {
        if requestTags.isEmpty { return keyTags }
        if keyTags.isEmpty { return requestTags }
        return Array(Set(keyTags + requestTags)).sorted()
    }

    // MARK: Sync

    /// Writes what accrued here, then reads back what every replica wrote. Called by
    /// `GovernanceService` every `proxy_batch_write_at` seconds and once more at shutdown.
    func sync(logger: Logger) async throws {
        try await ready.value
        let batch = ledger.takePending()
        let entries = logs.drain()
        do {
            try await store.resetBudgets(batch.resets)
            try await store.addSpend(batch.spend)
            try await store.addUsage(batch.windows)
        } catch {
            ledger.restoreInTransit()
            logs.requeue(entries)
            throw error
        }
        do {
            try await store.insertSpendLogs(entries)
        } catch {
            logs.requeue(entries)
            throw error
        }
        let dropped = logs.takeDropped()
        if dropped > 0 {
            logger.warning("spend log queue full; rows were refused", metadata: ["switchyard.dropped": .stringConvertible(dropped)])
        }
        let readAfter = ledger.generation
        async let keys = store.allKeys()
        async let teams = store.allTeams()
        async let users = store.allUsers()
        let windows = try await store.usage(since: Int(clock.wallTime() / 60) * 60 - 60)
        let holdEdits = ledger.jobHoldEdits
        let holds = try await store.heldJobCosts()
        ledger.applySync(
            keys: try await keys, teams: try await teams, users: try await users, windows: windows, resetsWritten: batch.resets, readAfter: readAfter
        )
        ledger.setJobHolds(holds, readAfter: holdEdits)
        unknownKeys.withLock { $0.removeAll() }
    }

    /// Makes a key (or its new settings) usable at once on this replica.
    func remember(_ key: VirtualKey) {
        ledger.upsert(key)
        unknownKeys.withLock { _ = $0.remove(key.tokenHash) }
    }
}

/// Whether the governance state has been loaded from the store.
private final class LoadedFlag: Sendable {
    let value = Atomic<Bool>(false)
}
