/// What one successful attempt against one deployment hands back to the routing loop.
public struct RouteAttempt<Value: Sendable>: Sendable {
    public var value: Value
    /// Seconds the answering upstream took (to the first byte for streams).
    public var upstreamSeconds: Double
    /// A stream keeps its deployment's in-flight slot until its last byte: whoever writes it
    /// calls `DeploymentLedger.end`. Whole answers give the slot back at once.
    public var keepsSlot: Bool

    public init(value: Value, upstreamSeconds: Double, keepsSlot: Bool) {
        self.value = value
        self.upstreamSeconds = upstreamSeconds
        self.keepsSlot = keepsSlot
    }
}

/// The answer the routing loop settled on, and how it got there.
public struct RoutedAnswer<Value: Sendable>: Sendable {
    public var value: Value
    public var upstreamSeconds: Double
    /// The model group that answered.
    public var group: String
    /// The deployment that answered, and the model id it was sent.
    public var candidate: RouteTarget.Candidate
    /// How many fallback groups ran before the answering one (0: the requested group answered).
    public var fallbackDepth: Int
    /// Set when a cold-start bridge answered instead of the requested group.
    public var bridgedFrom: String?

    public init(value: Value, upstreamSeconds: Double, group: String, candidate: RouteTarget.Candidate, fallbackDepth: Int, bridgedFrom: String? = nil) {
        self.value = value
        self.upstreamSeconds = upstreamSeconds
        self.group = group
        self.candidate = candidate
        self.fallbackDepth = fallbackDepth
        self.bridgedFrom = bridgedFrom
    }
}

/// The models one request may be routed to.
public struct RoutePlan: Sendable {
    /// The model the client asked for.
    public var model: String
    /// An OpenRouter-style list tried in order after `model` (no configured fallbacks then).
    public var models: [String]?
    /// A `fallbacks` list from the request body, replacing the configured one.
    public var requestFallbacks: [String]?

    public init(model: String, models: [String]? = nil, requestFallbacks: [String]? = nil) {
        self.model = model
        self.models = models
        self.requestFallbacks = requestFallbacks
    }

    /// Every model the client itself named: the one asked for, then `models` and `fallbacks`.
    /// Each must be on the caller's allowlist; fallbacks the admin configured are not named
    /// here, since they are part of the model they serve.
    public var clientNamedModels: [String] {
        if models == nil && requestFallbacks == nil { return [model] }
        var seen: Set<String> = []
        return ([model] + (models ?? []) + (requestFallbacks ?? [])).filter { seen.insert($0).inserted }
    }
}
