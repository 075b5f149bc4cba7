/// How embedding vectors are written in the response (`encoding_format`).
///
/// Open: other formats decode as `.other` and pass through unchanged.
public enum EmbeddingEncodingFormat: Sendable, Hashable {
    /// A JSON array of numbers.
    case float
    /// Base64 of the vector's little-endian float32 bytes.
    case base64
    case other(String)

    /// The format for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "float": self = .float
        case "base64": self = .base64
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .float: "float"
        case .base64: "base64"
        case .other(let value): value
        }
    }
}

extension EmbeddingEncodingFormat: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension EmbeddingEncodingFormat: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}
