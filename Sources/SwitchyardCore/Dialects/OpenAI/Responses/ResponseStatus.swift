/// Where a response is in its life (`status`).
///
/// Open: a status this gateway does not know decodes as `.other` and is written back unchanged.
public enum ResponseStatus: Sendable, Hashable {
    case completed
    case incomplete
    case inProgress
    case failed
    case cancelled
    case queued
    case other(String)

    /// The status for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "completed": self = .completed
        case "incomplete": self = .incomplete
        case "in_progress": self = .inProgress
        case "failed": self = .failed
        case "cancelled": self = .cancelled
        case "queued": self = .queued
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .completed: "completed"
        case .incomplete: "incomplete"
        case .inProgress: "in_progress"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .queued: "queued"
        case .other(let value): value
        }
    }
}

extension ResponseStatus: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
