extension FinishReason {
    /// OpenAI's reason for a Converse stop reason: end_turn and stop_sequence → stop;
    /// max_tokens and model_context_window_exceeded → length; tool_use → tool_calls;
    /// guardrail_intervened and content_filtered → content_filter; an unknown reason passes
    /// through.
    public init(bedrock reason: BedrockStopReason) {
        switch reason {
        case .endTurn, .stopSequence: self = .stop
        case .maxTokens, .modelContextWindowExceeded: self = .length
        case .toolUse: self = .toolCalls
        case .guardrailIntervened, .contentFiltered: self = .contentFilter
        case .other(let value): self = .other(value)
        }
    }
}
