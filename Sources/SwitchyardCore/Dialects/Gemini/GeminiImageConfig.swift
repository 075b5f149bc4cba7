/// Picture options of an image model's answer (`generationConfig.imageConfig`).
public struct GeminiImageConfig: Sendable, Hashable {
    /// `1:1`, `2:3`, `3:2`, `3:4`, `4:3`, `4:5`, `5:4`, `9:16`, `16:9` or `21:9`.
    public var aspectRatio: String?
    /// `1K`, `2K` or `4K`, on models that offer sizes.
    public var imageSize: String?
    public var extra: [String: JSONValue]

    public init(aspectRatio: String? = nil, imageSize: String? = nil, extra: [String: JSONValue] = [:]) {
        self.aspectRatio = aspectRatio
        self.imageSize = imageSize
        self.extra = extra
    }
}

extension GeminiImageConfig: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        aspectRatio = try reader.optional(String.self, "aspectRatio")
        imageSize = try reader.optional(String.self, "imageSize")
        extra = try reader.extra(known: ["aspectRatio", "imageSize"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(aspectRatio, "aspectRatio")
        try writer.put(imageSize, "imageSize")
        try encoder.encodeExtraFields(extra)
    }
}
