/// The author of an Anthropic message: `user` or `assistant`.
///
/// Open: a role this gateway does not know decodes as `.other` and is written back unchanged.
public enum AnthropicRole: Sendable, Hashable {
    case user
    case assistant
    case other(String)

    /// The role for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "user": self = .user
        case "assistant": self = .assistant
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .user: "user"
        case .assistant: "assistant"
        case .other(let value): value
        }
    }
}

extension AnthropicRole: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
