/// Why the model stopped producing a choice.
///
/// Open: vendors add their own reasons (`eos`, `recitation`…), which decode as `.other`.
public enum FinishReason: Sendable, Hashable {
    case stop
    case length
    case toolCalls
    case contentFilter
    /// The deprecated reason for a `function_call` answer.
    case functionCall
    case other(String)

    /// The reason for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "stop": self = .stop
        case "length": self = .length
        case "tool_calls": self = .toolCalls
        case "content_filter": self = .contentFilter
        case "function_call": self = .functionCall
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .stop: "stop"
        case .length: "length"
        case .toolCalls: "tool_calls"
        case .contentFilter: "content_filter"
        case .functionCall: "function_call"
        case .other(let value): value
        }
    }
}

extension FinishReason: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension FinishReason: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}
