/// When a guardrail runs, as LiteLLM names it (`mode:` in the config).
public enum GuardrailMode: String, Sendable, CaseIterable {
    /// On the request, before the upstream is called (and before the cache lookup).
    case preCall = "pre_call"
    /// On the answer, before it reaches the client.
    case postCall = "post_call"
    /// On the request, alongside the upstream call.
    case duringCall = "during_call"
}
