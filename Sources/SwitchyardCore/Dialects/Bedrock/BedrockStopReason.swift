/// Why Converse stopped generating. Open: a new reason decodes as `.other`.
public enum BedrockStopReason: Sendable, Hashable {
    case endTurn
    case toolUse
    case maxTokens
    case stopSequence
    case guardrailIntervened
    case contentFiltered
    case modelContextWindowExceeded
    case other(String)

    /// The reason for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "end_turn": self = .endTurn
        case "tool_use": self = .toolUse
        case "max_tokens": self = .maxTokens
        case "stop_sequence": self = .stopSequence
        case "guardrail_intervened": self = .guardrailIntervened
        case "content_filtered": self = .contentFiltered
        case "model_context_window_exceeded": self = .modelContextWindowExceeded
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .endTurn: "end_turn"
        case .toolUse: "tool_use"
        case .maxTokens: "max_tokens"
        case .stopSequence: "stop_sequence"
        case .guardrailIntervened: "guardrail_intervened"
        case .contentFiltered: "content_filtered"
        case .modelContextWindowExceeded: "model_context_window_exceeded"
        case .other(let value): value
        }
    }
}

extension BedrockStopReason: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
