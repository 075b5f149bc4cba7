/// What a guardrail does with a finding (`action:`).
public enum GuardrailAction: String, Sendable {
    /// Refuse the request (403 naming the guardrail).
    case block
    /// Replace each finding by `[REDACTED_<CATEGORY>]` and go on (see `GuardrailRedaction`).
    case mask
}
