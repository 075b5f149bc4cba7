/// How an images answer carries each picture (`response_format`).
///
/// Open: values OpenAI adds later decode as `.other` and pass through unchanged.
public enum ImageResponseFormat: Sendable, Hashable {
    /// A link to the picture (on providers with no hosted copy, a `data:` URL).
    case url
    /// The picture's bytes as base64 in `b64_json`.
    case b64JSON
    case other(String)

    /// The format for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "url": self = .url
        case "b64_json": self = .b64JSON
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .url: "url"
        case .b64JSON: "b64_json"
        case .other(let value): value
        }
    }
}

extension ImageResponseFormat: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
