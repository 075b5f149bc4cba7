/// The processing tier asked for or used (`service_tier`).
///
/// Open: new tiers decode as `.other` and pass through unchanged.
public enum ServiceTier: Sendable, Hashable {
    case auto
    case `default`
    case flex
    case scale
    case priority
    case other(String)

    /// The tier for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "auto": self = .auto
        case "default": self = .default
        case "flex": self = .flex
        case "scale": self = .scale
        case "priority": self = .priority
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .auto: "auto"
        case .default: "default"
        case .flex: "flex"
        case .scale: "scale"
        case .priority: "priority"
        case .other(let value): value
        }
    }
}

extension ServiceTier: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension ServiceTier: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}
