extension ChatContentPart {
    /// The `image_url` object of an image part: an `https:` URL or a `data:` URL with base64 bytes.
    public struct ImageURL: Sendable, Hashable {
        public var url: String
        public var detail: ImageDetail?
        /// Unknown members of the `image_url` object (`format`…).
        public var extra: [String: JSONValue]

        public init(url: String, detail: ImageDetail? = nil, extra: [String: JSONValue] = [:]) {
            self.url = url
            self.detail = detail
            self.extra = extra
        }
    }

    /// The resolution an image is read at. Open: unknown levels decode as `.other`.
    public enum ImageDetail: Sendable, Hashable {
        case auto
        case low
        case high
        case other(String)

        /// The level for a wire string.
        public init(rawValue: String) {
            switch rawValue {
            case "auto": self = .auto
            case "low": self = .low
            case "high": self = .high
            default: self = .other(rawValue)
            }
        }

        /// The wire string.
        public var rawValue: String {
            switch self {
            case .auto: "auto"
            case .low: "low"
            case .high: "high"
            case .other(let value): value
            }
        }
    }
}

extension ChatContentPart.ImageURL: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case url
        case detail
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        detail = try container.decodeIfPresent(ChatContentPart.ImageDetail.self, forKey: .detail)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(url, forKey: .url)
        try container.encodeIfPresent(detail, forKey: .detail)
        try encoder.encodeExtraFields(extra)
    }
}

extension ChatContentPart.ImageDetail: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
