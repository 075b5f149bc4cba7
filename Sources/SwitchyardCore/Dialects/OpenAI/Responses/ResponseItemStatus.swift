/// Where one item of a response is (`status` of a message or a function call).
///
/// Open: a status this gateway does not know decodes as `.other` and is written back unchanged.
public enum ResponseItemStatus: Sendable, Hashable {
    case inProgress
    case completed
    case incomplete
    case other(String)

    /// The status for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "in_progress": self = .inProgress
        case "completed": self = .completed
        case "incomplete": self = .incomplete
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .inProgress: "in_progress"
        case .completed: "completed"
        case .incomplete: "incomplete"
        case .other(let value): value
        }
    }
}

extension ResponseItemStatus: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
