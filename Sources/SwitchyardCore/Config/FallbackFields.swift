/// The retry and fallback keys LiteLLM accepts in both `router_settings` and `litellm_settings`.
///
/// Each section is read into one of these; `router_settings` wins where both set a value.
struct FallbackFields {
    var numRetries: Int?
    var fallbacks: [String: [String]] = [:]
    var contextWindowFallbacks: [String: [String]] = [:]
    var contentPolicyFallbacks: [String: [String]] = [:]
    var defaultFallbacks: [String]?

    /// These fields, with `other`'s values wherever `other` sets one.
    func overridden(by other: FallbackFields) -> FallbackFields {
        FallbackFields(
            numRetries: other.numRetries ?? numRetries,
            fallbacks: fallbacks.merging(other.fallbacks) { _, new in new },
            contextWindowFallbacks: contextWindowFallbacks.merging(other.contextWindowFallbacks) { _, new in new },
            contentPolicyFallbacks: contentPolicyFallbacks.merging(other.contentPolicyFallbacks) { _, new in new },
            defaultFallbacks: other.defaultFallbacks ?? defaultFallbacks
        )
    }
}
