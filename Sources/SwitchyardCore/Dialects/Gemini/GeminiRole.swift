/// The author of a Gemini content: `user` or `model`.
///
/// Open: other roles (`function`, `tool`, sent by older clients for function responses) decode
/// as `.other` and are written back unchanged.
public enum GeminiRole: Sendable, Hashable {
    case user
    case model
    case other(String)

    /// The role for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "user": self = .user
        case "model": self = .model
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .user: "user"
        case .model: "model"
        case .other(let value): value
        }
    }
}

extension GeminiRole: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
