extension FinishReason {
    /// OpenAI's reason for an Anthropic stop reason: end_turn, stop_sequence and pause_turn →
    /// stop; max_tokens and model_context_window_exceeded → length; tool_use → tool_calls;
    /// refusal → content_filter; an unknown reason passes through.
    public init(anthropic reason: AnthropicStopReason) {
        switch reason {
        case .endTurn, .stopSequence, .pauseTurn: self = .stop
        case .maxTokens, .modelContextWindowExceeded: self = .length
        case .toolUse: self = .toolCalls
        case .refusal: self = .contentFilter
        case .other(let value): self = .other(value)
        }
    }
}

extension AnthropicStopReason {
    /// Anthropic's reason for an OpenAI finish reason: stop → end_turn, length → max_tokens,
    /// tool_calls and function_call → tool_use, content_filter → refusal; anything else →
    /// end_turn (Anthropic clients know only Anthropic's reasons).
    public init(openAI reason: FinishReason) {
        switch reason {
        case .stop: self = .endTurn
        case .length: self = .maxTokens
        case .toolCalls, .functionCall: self = .toolUse
        case .contentFilter: self = .refusal
        case .other: self = .endTurn
        }
    }
}
