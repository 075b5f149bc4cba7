/// The file format of generated pictures (`output_format`).
///
/// Open: values OpenAI adds later decode as `.other` and pass through unchanged.
public enum ImageOutputFormat: Sendable, Hashable {
    case png
    case jpeg
    case webp
    case other(String)

    /// The format for a wire string.
    public init(rawValue: String) {
        switch rawValue.lowercased() {
        case "png": self = .png
        case "jpeg", "jpg": self = .jpeg
        case "webp": self = .webp
        default: self = .other(rawValue)
        }
    }

    /// The format of a media type (`image/png` → `.png`); nil for a type that is not an image.
    public init?(mimeType: String) {
        let type = String(mimeType.split(separator: ";").first ?? "").filter { !$0.isWhitespace }.lowercased()
        guard type.hasPrefix("image/") else { return nil }
        self.init(rawValue: String(type.dropFirst("image/".count)))
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpeg"
        case .webp: "webp"
        case .other(let value): value
        }
    }

    /// The media type of a file in this format.
    public var mimeType: String { "image/\(rawValue)" }
}

extension ImageOutputFormat: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
