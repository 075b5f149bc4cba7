/// The author of a Converse message. Open: an unknown role decodes as `.other`.
public enum BedrockRole: Sendable, Hashable, Codable {
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

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
