/// An image sent inline: `{"format": "png", "source": {"bytes": "<base64>"}}`.
///
/// Converse takes image bytes (base64 in JSON) or an S3 location; the gateway sends bytes only.
/// An image from S3 decodes as `BedrockContentBlock.other`.
public struct BedrockImageBlock: Sendable, Hashable {
    /// `png`, `jpeg`, `gif` or `webp`.
    public var format: String
    /// The image bytes, base64-encoded as JSON carries a blob.
    public var base64: String

    public init(format: String, base64: String) {
        self.format = format
        self.base64 = base64
    }

    /// The Converse format for an image media type (`image/jpg` counts as jpeg); nil when
    /// Converse takes no such image.
    public static func format(forMediaType mediaType: String) -> String? {
        switch mediaType.lowercased() {
        case "image/png": "png"
        case "image/jpeg", "image/jpg": "jpeg"
        case "image/gif": "gif"
        case "image/webp": "webp"
        default: nil
        }
    }
}

extension BedrockImageBlock: Codable {
    private enum CodingKeys: String, CodingKey { case format, source }
    private enum SourceKeys: String, CodingKey { case bytes }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        let source = try container.nestedContainer(keyedBy: SourceKeys.self, forKey: .source)
        base64 = try source.decode(String.self, forKey: .bytes)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        var source = container.nestedContainer(keyedBy: SourceKeys.self, forKey: .source)
        try source.encode(base64, forKey: .bytes)
    }
}
