/// Why Claude stopped (`stop_reason`).
///
/// Open: reasons added after this was written decode as `.other` and pass through unchanged.
public enum AnthropicStopReason: Sendable, Hashable {
    /// A natural stopping point.
    case endTurn
    /// `max_tokens` or the model's own limit was reached.
    case maxTokens
    /// One of the request's `stop_sequences` was generated (see `stop_sequence`).
    case stopSequence
    /// The model called one or more tools.
    case toolUse
    /// A long-running turn (server tools) was paused; send the response back to continue.
    case pauseTurn
    /// Streaming classifiers intervened.
    case refusal
    /// The model's context window was exceeded.
    case modelContextWindowExceeded
    case other(String)

    /// The reason for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "end_turn": self = .endTurn
        case "max_tokens": self = .maxTokens
        case "stop_sequence": self = .stopSequence
        case "tool_use": self = .toolUse
        case "pause_turn": self = .pauseTurn
        case "refusal": self = .refusal
        case "model_context_window_exceeded": self = .modelContextWindowExceeded
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .endTurn: "end_turn"
        case .maxTokens: "max_tokens"
        case .stopSequence: "stop_sequence"
        case .toolUse: "tool_use"
        case .pauseTurn: "pause_turn"
        case .refusal: "refusal"
        case .modelContextWindowExceeded: "model_context_window_exceeded"
        case .other(let value): value
        }
    }
}

extension AnthropicStopReason: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension AnthropicStopReason: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}
