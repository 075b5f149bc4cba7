import Synchronization

/// What the gateway has seen of each deployment: requests in flight, recent failures,
/// cooldowns, latency and this minute's usage. Shared by all requests; every update is one
/// short critical section, so the hot path never waits on I/O.
///
/// Cooldown is outlier ejection: `allowedFails` failures inside the last 60 s cool a
/// deployment for `cooldownTime` seconds.
public final class DeploymentLedger: Sendable {
    /// One deployment's state at a moment.
    public struct State: Sendable, Equatable {
        public var inFlight = 0
        public var recentFailures: [Double] = []
        public var cooldownUntil: Double = 0
        /// Exponentially weighted moving average of whole-request latency, seconds.
        public var latency: Double?
        /// The same for time to first token of streams, seconds.
        public var timeToFirstToken: Double?
        public var minute = -1
        public var requestsThisMinute = 0
        public var tokensThisMinute = 0
        public var lastError: String?
        public var successes = 0
        public var failures = 0
    }

    /// When failures cool a deployment, and for how long (`router_settings`; a reload may
    /// change them).
    public struct CooldownPolicy: Sendable {
        public var allowedFails: Int
        public var cooldownTime: Double

        public init(allowedFails: Int, cooldownTime: Double) {
            self.allowedFails = max(allowedFails, 1)
            self.cooldownTime = cooldownTime
        }
    }

    private let states: Mutex<[State]>
    private let clock: any GatewayClock
    private let policy: Mutex<CooldownPolicy>

    public init(deploymentCount: Int, allowedFails: Int, cooldownTime: Double, clock: any GatewayClock) {
        self.states = Mutex(Array(repeating: State(), count: deploymentCount))
        self.clock = clock
        self.policy = Mutex(CooldownPolicy(allowedFails: allowedFails, cooldownTime: cooldownTime))
    }

    /// Makes room for `count` deployments (keys from `DeploymentSlots`) and applies `policy`
    /// from now on; what is known of existing deployments stays.
    public func adopt(deploymentCount count: Int, policy: CooldownPolicy) {
        states.withLock { states in
            if states.count < count { states += Array(repeating: State(), count: count - states.count) }
        }
        self.policy.withLock { $0 = policy }
    }

    public var now: Double { clock.now() }

    /// A copy of every deployment's state, windows rolled to now.
    public func snapshot() -> [State] {
        let now = clock.now()
        return states.withLock { states in
            states.map { state in
                var state = state
                Self.roll(&state, now: now)
                return state
            }
        }
    }

    /// The states of some deployments, windows rolled to now.
    public func states(_ keys: [Int]) -> [State] {
        let now = clock.now()
        return states.withLock { states in
            keys.map { key in
                guard states.indices.contains(key) else { return State() }
                var state = states[key]
                Self.roll(&state, now: now)
                return state
            }
        }
    }

    /// Marks an attempt as started (in flight, counted against rpm); pair it with `end`.
    public func begin(_ key: Int) {
        let now = clock.now()
        states.withLock { states in
            guard states.indices.contains(key) else { return }
            Self.roll(&states[key], now: now)
            states[key].inFlight += 1
            states[key].requestsThisMinute += 1
        }
    }

    /// Marks an attempt as no longer in flight (its response, or stream, is over).
    public func end(_ key: Int) {
        states.withLock { states in
            guard states.indices.contains(key) else { return }
            states[key].inFlight = max(0, states[key].inFlight - 1)
        }
    }

    /// Marks an attempt as answered: `latency` is to the full answer, or to the first
    /// token for a stream.
    public func succeed(_ key: Int, latency: Double, timeToFirstToken: Double? = nil) {
        states.withLock { states in
            guard states.indices.contains(key) else { return }
            states[key].successes += 1
            states[key].latency = Self.average(states[key].latency, latency)
            if let timeToFirstToken {
                states[key].timeToFirstToken = Self.average(states[key].timeToFirstToken, timeToFirstToken)
            }
        }
    }

    /// Adds tokens to this minute's usage (known only once a response is complete).
    public func addTokens(_ key: Int, _ tokens: Int) {
        let now = clock.now()
        states.withLock { states in
            guard states.indices.contains(key) else { return }
            Self.roll(&states[key], now: now)
            states[key].tokensThisMinute += tokens
        }
    }

    /// Marks an attempt as failed; returns true when this failure cooled the deployment.
    @discardableResult
    public func fail(_ key: Int, reason: String, countsTowardCooldown: Bool = true) -> Bool {
        let now = clock.now()
        let policy = self.policy.withLock { $0 }
        let allowedFails = policy.allowedFails
        let cooldownTime = policy.cooldownTime
        return states.withLock { states in
            guard states.indices.contains(key) else { return false }
            states[key].failures += 1
            states[key].lastError = reason
            guard countsTowardCooldown else { return false }
            states[key].recentFailures = states[key].recentFailures.filter { now - $0 < 60 } + [now]
            guard states[key].recentFailures.count >= allowedFails, states[key].cooldownUntil <= now else { return false }
            states[key].cooldownUntil = now + cooldownTime
            states[key].recentFailures.removeAll()
            return true
        }
    }

    /// Cools a deployment at once (a failed health check).
    public func coolDown(_ key: Int, reason: String) {
        let now = clock.now()
        let cooldownTime = self.policy.withLock { $0.cooldownTime }
        states.withLock { states in
            guard states.indices.contains(key) else { return }
            states[key].cooldownUntil = max(states[key].cooldownUntil, now + cooldownTime)
            states[key].lastError = reason
        }
    }

    /// Ends a cooldown early (a passed health check).
    public func markHealthy(_ key: Int) {
        states.withLock { states in
            guard states.indices.contains(key) else { return }
            states[key].cooldownUntil = 0
            states[key].recentFailures.removeAll()
        }
    }

    private static func roll(_ state: inout State, now: Double) {
        let minute = Int(now / 60)
        if state.minute != minute {
            state.minute = minute
            state.requestsThisMinute = 0
            state.tokensThisMinute = 0
        }
    }

    private static func average(_ previous: Double?, _ sample: Double) -> Double {
        guard let previous else { return sample }
        return previous * 0.8 + sample * 0.2
    }
}
