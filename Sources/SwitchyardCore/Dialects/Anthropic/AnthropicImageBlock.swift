/// An `image` content block: `{"type": "image", "source": {…}, "cache_control"?}`.
public struct AnthropicImageBlock: Sendable, Hashable {
    public var source: AnthropicImageSource
    /// Unknown members, `cache_control` among them.
    public var extra: [String: JSONValue]

    public init(source: AnthropicImageSource, extra: [String: JSONValue] = [:]) {
        self.source = source
        self.extra = extra
    }
}

/// Where an image's bytes come from, a union discriminated by `type`.
public enum AnthropicImageSource: Sendable, Hashable {
    /// `{"type": "base64", "media_type": "image/png", "data": …}`
    case base64(mediaType: String, data: String)
    /// `{"type": "url", "url": …}`
    case url(String)
    /// Any other source (`file` with a `file_id`…), kept whole.
    case other(JSONValue)
}

extension AnthropicImageBlock: Codable {
    private enum CodingKeys: String, CodingKey {
        case source
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(AnthropicImageSource.self, forKey: .source)
        extra = try decoder.extraFields(excluding: ["type", "source"])
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try encoder.encodeExtraFields(extra)
    }
}

extension AnthropicImageSource: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case mediaType = "media_type"
        case data
        case url
    }

    public init(from decoder: Decoder) throws {
        let value = try JSONValue(from: decoder)
        switch value["type"]?.stringValue {
        case "base64":
            if let mediaType = value["media_type"]?.stringValue, let data = value["data"]?.stringValue,
                value.objectValue?.count == 3
            {
                self = .base64(mediaType: mediaType, data: data)
            } else {
                self = .other(value)
            }
        case "url":
            if let url = value["url"]?.stringValue, value.objectValue?.count == 2 {
                self = .url(url)
            } else {
                self = .other(value)
            }
        default:
            self = .other(value)
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .base64(let mediaType, let data):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("base64", forKey: .type)
            try container.encode(mediaType, forKey: .mediaType)
            try container.encode(data, forKey: .data)
        case .url(let url):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("url", forKey: .type)
            try container.encode(url, forKey: .url)
        case .other(let value):
            try value.encode(to: encoder)
        }
    }
}
