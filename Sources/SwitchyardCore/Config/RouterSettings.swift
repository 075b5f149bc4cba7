/// `router_settings`: retries, cooldowns, fallbacks and aliases across model groups.
///
/// Durations are seconds. Fallback maps go from a model name to the names tried after it,
/// in order.
public struct RouterSettings: Sendable {
    public var routingStrategy: RoutingStrategy
    /// Retries within a group; `router_settings.num_retries`, else `litellm_settings.num_retries`.
    public var numRetries: Int
    /// Failures within a minute that cool a deployment down.
    public var allowedFails: Int
    /// How long a cooled-down deployment is skipped.
    public var cooldownTime: Double
    /// A whole-request timeout applied to every deployment without its own.
    public var timeout: Double?
    /// Minimum wait before a retry.
    public var retryAfter: Double
    /// From `fallbacks: [{gpt-4o: [claude]}]` in router_settings or litellm_settings.
    public var fallbacks: [String: [String]]
    /// Tried when the request is too long for the model's context window.
    public var contextWindowFallbacks: [String: [String]]
    /// Tried when the provider refuses the content.
    public var contentPolicyFallbacks: [String: [String]]
    /// Tried for any model without its own fallbacks.
    public var defaultFallbacks: [String]
    /// Extra names clients may send for a model group: alias → model_name.
    public var modelGroupAlias: [String: String]
    /// Cold-start bridges by model group (`cold_start_bridges`): if the group has not answered
    /// within the delay, the bridge model is raced against it and the first answer wins.
    public var coldStartBridges: [String: ColdStartBridge] = [:]

    public init(
        routingStrategy: RoutingStrategy = .simpleShuffle,
        numRetries: Int = 0,
        allowedFails: Int = 3,
        cooldownTime: Double = 5,
        timeout: Double? = nil,
        retryAfter: Double = 0,
        fallbacks: [String: [String]] = [:],
        contextWindowFallbacks: [String: [String]] = [:],
        contentPolicyFallbacks: [String: [String]] = [:],
        defaultFallbacks: [String] = [],
        modelGroupAlias: [String: String] = [:]
    ) {
        self.routingStrategy = routingStrategy
        self.numRetries = numRetries
        self.allowedFails = allowedFails
        self.cooldownTime = cooldownTime
        self.timeout = timeout
        self.retryAfter = retryAfter
        self.fallbacks = fallbacks
        self.contextWindowFallbacks = contextWindowFallbacks
        self.contentPolicyFallbacks = contentPolicyFallbacks
        self.defaultFallbacks = defaultFallbacks
        self.modelGroupAlias = modelGroupAlias
    }
}

/// A faster model raced against a slow-to-start one.
public struct ColdStartBridge: Sendable, Equatable {
    /// The model group raced in.
    public var model: String
    /// Seconds to wait for the primary's first byte before starting the bridge.
    public var delay: Double

    public init(model: String, delay: Double) {
        self.model = model
        self.delay = delay
    }
}
