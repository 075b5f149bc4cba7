/// How much a reasoning model should think before answering (`reasoning_effort`).
///
/// Open: new levels decode as `.other` and pass through unchanged.
public enum ReasoningEffort: Sendable, Hashable {
    case none
    case minimal
    case low
    case medium
    case high
    case other(String)

    /// The level for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "none": self = .none
        case "minimal": self = .minimal
        case "low": self = .low
        case "medium": self = .medium
        case "high": self = .high
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .none: "none"
        case .minimal: "minimal"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .other(let value): value
        }
    }
}

extension ReasoningEffort: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension ReasoningEffort: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}
