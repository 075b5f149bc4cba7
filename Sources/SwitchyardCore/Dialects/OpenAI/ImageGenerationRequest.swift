/// The body of `POST /v1/images/generations`, and the text fields of an `/v1/images/edits` form.
///
/// Members this type does not model (`stream`, `partial_images`, `input_fidelity`, provider
/// extensions such as `aspect_ratio`…) stay in `extra`, so a pass-through keeps them.
public struct ImageGenerationRequest: Sendable, Hashable {
    /// Absent means OpenAI's default model; the gateway routes on it, so it usually is set.
    public var model: String?
    public var prompt: String
    /// How many pictures, 1–10.
    public var n: Int?
    /// `1024x1024`, `1536x1024`, `1024x1536`, `1792x1024`, `1024x1792`, `256x256`, `512x512`
    /// or `auto`.
    public var size: String?
    /// `auto`, `high`, `medium`, `low` (GPT image models), `hd`, `standard` (DALL·E 3).
    public var quality: String?
    public var responseFormat: ImageResponseFormat?
    /// `transparent`, `opaque` or `auto`.
    public var background: String?
    public var outputFormat: ImageOutputFormat?
    /// 0–100, for `jpeg` and `webp`.
    public var outputCompression: Int?
    /// `vivid` or `natural` (DALL·E 3).
    public var style: String?
    public var user: String?
    /// `low` or `auto`.
    public var moderation: String?
    public var extra: [String: JSONValue]

    public init(
        model: String? = nil,
        prompt: String,
        n: Int? = nil,
        size: String? = nil,
        quality: String? = nil,
        responseFormat: ImageResponseFormat? = nil,
        background: String? = nil,
        outputFormat: ImageOutputFormat? = nil,
        outputCompression: Int? = nil,
        style: String? = nil,
        user: String? = nil,
        moderation: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.prompt = prompt
        self.n = n
        self.size = size
        self.quality = quality
        self.responseFormat = responseFormat
        self.background = background
        self.outputFormat = outputFormat
        self.outputCompression = outputCompression
        self.style = style
        self.user = user
        self.moderation = moderation
        self.extra = extra
    }
}

extension ImageGenerationRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case prompt
        case n
        case size
        case quality
        case responseFormat = "response_format"
        case background
        case outputFormat = "output_format"
        case outputCompression = "output_compression"
        case style
        case user
        case moderation
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decodeIfPresent(String.self, forKey: .model)
        prompt = try container.decode(String.self, forKey: .prompt)
        n = try container.decodeIfPresent(Int.self, forKey: .n)
        size = try container.decodeIfPresent(String.self, forKey: .size)
        quality = try container.decodeIfPresent(String.self, forKey: .quality)
        responseFormat = try container.decodeIfPresent(ImageResponseFormat.self, forKey: .responseFormat)
        background = try container.decodeIfPresent(String.self, forKey: .background)
        outputFormat = try container.decodeIfPresent(ImageOutputFormat.self, forKey: .outputFormat)
        outputCompression = try container.decodeIfPresent(Int.self, forKey: .outputCompression)
        style = try container.decodeIfPresent(String.self, forKey: .style)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        moderation = try container.decodeIfPresent(String.self, forKey: .moderation)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(model, forKey: .model)
        try container.encode(prompt, forKey: .prompt)
        try container.encodeIfPresent(n, forKey: .n)
        try container.encodeIfPresent(size, forKey: .size)
        try container.encodeIfPresent(quality, forKey: .quality)
        try container.encodeIfPresent(responseFormat, forKey: .responseFormat)
        try container.encodeIfPresent(background, forKey: .background)
        try container.encodeIfPresent(outputFormat, forKey: .outputFormat)
        try container.encodeIfPresent(outputCompression, forKey: .outputCompression)
        try container.encodeIfPresent(style, forKey: .style)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encodeIfPresent(moderation, forKey: .moderation)
        try encoder.encodeExtraFields(extra)
    }
}
