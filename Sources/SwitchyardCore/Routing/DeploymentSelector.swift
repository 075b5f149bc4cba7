/// Chooses the deployment for the next attempt, by the configured routing strategy.
///
/// Deployments cooling down, or at their `rpm`/`tpm` for this minute, are passed over while
/// another can serve. When none can, the selector still answers — panic mode, as in Envoy —
/// with the one that recovers soonest, so a group is never left with nothing to try.
public struct DeploymentSelector: Sendable {
    /// The deployment chosen and whether it was chosen in panic mode.
    public struct Choice: Sendable {
        public var candidate: RouteTarget.Candidate
        public var panic: Bool

        @inlinable
        public init(candidate: RouteTarget.Candidate, panic: Bool) {
            self.candidate = candidate
            self.panic = panic
        }
    }

    public let strategy: RoutingStrategy

    public init(strategy: RoutingStrategy) {
        self.strategy = strategy
    }

    /// - Parameters:
    ///   - tried: deployments this request already tried in the current round; once every
    ///     deployment was tried a new round starts, avoiding only `last`.
    // Inlinable, as the routing loop is: generic over the random generator, it ran
    // unspecialized from the server module on every request.
    @inlinable
    public func choose(
        from candidates: [RouteTarget.Candidate],
        tried: Set<Int>,
        last: Int?,
        ledger: DeploymentLedger,
        using generator: inout some RandomNumberGenerator
    ) -> Choice? {
        guard !candidates.isEmpty else { return nil }
        var pool = candidates.filter { !tried.contains($0.key) }
        if pool.isEmpty {
            pool = candidates.count > 1 ? candidates.filter { $0.key != last } : candidates
        }
        let now = ledger.now
        let states = ledger.states(pool.map(\.key))
        let ready = pool.indices.filter { index in
            let state = states[index]
            let deployment = pool[index].deployment
            if state.cooldownUntil > now { return false }
            if let rpm = deployment.rpm, state.requestsThisMinute >= rpm { return false }
            if let tpm = deployment.tpm, state.tokensThisMinute >= tpm { return false }
            return true
        }
        guard !ready.isEmpty else {
            let soonest = pool.indices.min { states[$0].cooldownUntil < states[$1].cooldownUntil } ?? 0
            return Choice(candidate: pool[soonest], panic: true)
        }
        let bestOrder = ready.map { pool[$0].deployment.order ?? Int.max }.min() ?? Int.max
        let tier = ready.filter { (pool[$0].deployment.order ?? Int.max) == bestOrder }
        let pick = pickInTier(tier, pool: pool, states: states, using: &generator)
        return Choice(candidate: pool[pick], panic: false)
    }

    @inlinable
    func pickInTier(
        _ tier: [Int],
        pool: [RouteTarget.Candidate],
        states: [DeploymentLedger.State],
        using generator: inout some RandomNumberGenerator
    ) -> Int {
        guard tier.count > 1 else { return tier[0] }
        switch strategy {
        case .simpleShuffle:
            return weightedPick(tier, pool: pool, using: &generator)
        case .leastBusy:
            return lowest(tier, by: { Double(states[$0].inFlight) }, using: &generator)
        case .latencyBased:
            // An unmeasured deployment goes first, so every one gets measured.
            return lowest(tier, by: { states[$0].latency ?? 0 }, using: &generator)
        case .usageBased:
            return lowest(tier, by: { index in
                let tpm = pool[index].deployment.tpm.map(Double.init) ?? 0
                let used = Double(states[index].tokensThisMinute)
                return tpm > 0 ? used / tpm : used
            }, using: &generator)
        }
    }

    @inlinable
    func weightedPick(_ tier: [Int], pool: [RouteTarget.Candidate], using generator: inout some RandomNumberGenerator) -> Int {
        let weights = tier.map { max(pool[$0].deployment.weight, 0) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return tier[Int.random(in: 0..<tier.count, using: &generator)] }
        var draw = Double.random(in: 0..<total, using: &generator)
        for (position, weight) in weights.enumerated() {
            draw -= weight
            if draw < 0 { return tier[position] }
        }
        return tier[tier.count - 1]
    }

    @inlinable
    func lowest(_ tier: [Int], by score: (Int) -> Double, using generator: inout some RandomNumberGenerator) -> Int {
        let best = tier.map(score).min() ?? 0
        let tied = tier.filter { score($0) <= best + 1e-9 }
        return tied[Int.random(in: 0..<tied.count, using: &generator)]
    }
}
