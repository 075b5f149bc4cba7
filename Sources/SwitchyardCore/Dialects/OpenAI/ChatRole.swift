/// The author of a chat message.
///
/// Open: a role this gateway does not know decodes as `.other` and is written back unchanged.
public enum ChatRole: Sendable, Hashable {
    case system
    case developer
    case user
    case assistant
    case tool
    /// The deprecated role of a `function` result message.
    case function
    case other(String)

    /// The role for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "system": self = .system
        case "developer": self = .developer
        case "user": self = .user
        case "assistant": self = .assistant
        case "tool": self = .tool
        case "function": self = .function
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .system: "system"
        case .developer: "developer"
        case .user: "user"
        case .assistant: "assistant"
        case .tool: "tool"
        case .function: "function"
        case .other(let value): value
        }
    }
}

extension ChatRole: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension ChatRole: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}
