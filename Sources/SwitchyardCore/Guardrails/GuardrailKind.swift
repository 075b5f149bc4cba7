/// What a guardrail is: `litellm_params.guardrail` in the config.
///
/// `pii`, `secrets`, `prompt_injection` and `content_filter` are built in and need no
/// service; `moderation` asks a configured moderation model and `presidio` a Presidio
/// analyzer, so they have no local detector.
public enum GuardrailKind: String, Sendable, CaseIterable {
    case pii
    case secrets
    case promptInjection = "prompt_injection"
    case contentFilter = "content_filter"
    case moderation
    case presidio
}
