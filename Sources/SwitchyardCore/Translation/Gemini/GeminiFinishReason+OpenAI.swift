extension GeminiFinishReason {
    /// The Gemini reason for an OpenAI finish reason (`tool_calls` is `STOP` in Gemini).
    public init(openAI reason: FinishReason) {
        switch reason {
        case .stop, .toolCalls, .functionCall: self = .stop
        case .length: self = .maxTokens
        case .contentFilter: self = .safety
        case .other: self = .otherReason
        }
    }

    /// The OpenAI reason: `STOP` is `tool_calls` when the candidate called functions, length
    /// and filter reasons map to `length` and `content_filter`, everything else is `stop`.
    public func openAI(calledFunctions: Bool) -> FinishReason {
        switch self {
        case .stop, .unspecified: calledFunctions ? .toolCalls : .stop
        case .maxTokens: .length
        case .safety, .recitation, .blocklist, .prohibitedContent, .spii, .imageSafety, .imageProhibitedContent,
            .imageRecitation:
            .contentFilter
        default: .stop
        }
    }
}
