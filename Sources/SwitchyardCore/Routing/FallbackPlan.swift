/// Which model groups a request may fall back to, in order, once its own group has failed.
///
/// Context-window errors use `context_window_fallbacks`, refused content uses
/// `content_policy_fallbacks`, other failures that another model could absorb use the
/// request's own `fallbacks`, else `fallbacks` for the model, else `default_fallbacks`.
public struct FallbackPlan: Sendable {
    public var requested: String
    public var settings: RouterSettings
    /// A `fallbacks` list sent in the request body, which replaces the configured one.
    public var requestFallbacks: [String]?

    public init(requested: String, settings: RouterSettings, requestFallbacks: [String]?) {
        self.requested = requested
        self.settings = settings
        self.requestFallbacks = requestFallbacks
    }

    /// The groups to try after `error` ended the requested group; empty when none apply.
    public func fallbacks(after error: GatewayError) -> [String] {
        let list: [String]
        if error.isContextWindowExceeded {
            list = settings.contextWindowFallbacks[requested] ?? []
        } else if error.isContentPolicyViolation {
            list = settings.contentPolicyFallbacks[requested] ?? []
        } else if error.triggersFallback {
            list = requestFallbacks ?? settings.fallbacks[requested] ?? settings.defaultFallbacks
        } else {
            list = []
        }
        var seen: Set<String> = [requested]
        return list.filter { seen.insert($0).inserted }
    }
}

extension GatewayError {
    /// The prompt does not fit the model's context window.
    public var isContextWindowExceeded: Bool {
        guard status == 400 || status == 413 else { return false }
        if code == "context_length_exceeded" || code == "string_above_max_length" { return true }
        let text = message.lowercased()
        return ["context length", "context window", "maximum context", "prompt is too long", "too many tokens",
                "input is too long", "exceeds the maximum number of tokens"].contains { text.contains($0) }
    }

    /// The provider refused the content.
    public var isContentPolicyViolation: Bool {
        guard status == 400 || status == 403 || status == 422 else { return false }
        if code == "content_filter" || code == "content_policy_violation" { return true }
        let text = message.lowercased()
        return ["content policy", "content management policy", "content_filter", "safety system"].contains { text.contains($0) }
    }

    /// Whether another model group might succeed where this one failed: anything retryable,
    /// and a deployment that rejects the gateway's own credentials or does not know the model.
    public var triggersFallback: Bool {
        if isRetryable { return true }
        if case .upstream(let status) = kind { return status == 401 || status == 403 || status == 404 }
        return false
    }
}
