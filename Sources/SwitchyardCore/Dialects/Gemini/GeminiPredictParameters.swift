/// Imagen's generation options (`parameters` of a `:predict` call).
///
/// `guidanceScale`, `safetySetting`, `includeSafetyAttributes`, `language` and anything else
/// unmodelled stay in `extra`.
public struct GeminiPredictParameters: Sendable, Hashable {
    /// How many pictures, 1–4.
    public var sampleCount: Int?
    /// `1:1`, `3:4`, `4:3`, `9:16` or `16:9`.
    public var aspectRatio: String?
    /// `dont_allow`, `allow_adult` or `allow_all`.
    public var personGeneration: String?
    /// `1K` or `2K`, on the Standard and Ultra models.
    public var sampleImageSize: String?
    /// Whether a filtered picture says why in `raiFilteredReason`.
    public var includeRaiReason: Bool?
    public var outputOptions: GeminiImageOutputOptions?
    public var extra: [String: JSONValue]

    public init(
        sampleCount: Int? = nil,
        aspectRatio: String? = nil,
        personGeneration: String? = nil,
        sampleImageSize: String? = nil,
        includeRaiReason: Bool? = nil,
        outputOptions: GeminiImageOutputOptions? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.sampleCount = sampleCount
        self.aspectRatio = aspectRatio
        self.personGeneration = personGeneration
        self.sampleImageSize = sampleImageSize
        self.includeRaiReason = includeRaiReason
        self.outputOptions = outputOptions
        self.extra = extra
    }
}

extension GeminiPredictParameters: Codable {
    private static let known = [
        "sampleCount", "aspectRatio", "personGeneration", "sampleImageSize", "includeRaiReason", "outputOptions",
    ]

    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        sampleCount = try reader.optional(Int.self, "sampleCount")
        aspectRatio = try reader.optional(String.self, "aspectRatio")
        personGeneration = try reader.optional(String.self, "personGeneration")
        sampleImageSize = try reader.optional(String.self, "sampleImageSize")
        includeRaiReason = try reader.optional(Bool.self, "includeRaiReason")
        outputOptions = try reader.optional(GeminiImageOutputOptions.self, "outputOptions")
        extra = try reader.extra(known: Self.known)
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(sampleCount, "sampleCount")
        try writer.put(aspectRatio, "aspectRatio")
        try writer.put(personGeneration, "personGeneration")
        try writer.put(sampleImageSize, "sampleImageSize")
        try writer.put(includeRaiReason, "includeRaiReason")
        try writer.put(outputOptions, "outputOptions")
        try encoder.encodeExtraFields(extra)
    }
}
