/// Sampling and output controls of a request (`generationConfig`).
///
/// `responseModalities`, `speechConfig` and `imageConfig` are typed for the image and speech
/// translators; members the gateway does not model (`mediaResolution`…) stay in `extra`.
public struct GeminiGenerationConfig: Sendable, Hashable {
    public var stopSequences: [String]?
    /// `text/plain` (the default), `application/json` or `text/x.enum`.
    public var responseMimeType: String?
    /// The answer's schema in Gemini's OpenAPI subset; carried without interpretation.
    public var responseSchema: JSONValue?
    /// The answer's schema in plain JSON Schema; exclusive with `responseSchema`.
    public var responseJsonSchema: JSONValue?
    public var candidateCount: Int?
    public var maxOutputTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var topK: Double?
    public var seed: Int?
    public var presencePenalty: Double?
    public var frequencyPenalty: Double?
    /// Whether to return the chosen tokens' log probabilities.
    public var responseLogprobs: Bool?
    /// How many top alternatives to return per token, with `responseLogprobs`.
    public var logprobs: Int?
    public var thinkingConfig: GeminiThinkingConfig?
    /// What the answer may hold: `TEXT`, `IMAGE`, `AUDIO` (the default is text).
    public var responseModalities: [String]?
    /// The voice of a speech model's answer.
    public var speechConfig: GeminiSpeechConfig?
    /// The shape of an image model's pictures.
    public var imageConfig: GeminiImageConfig?
    public var extra: [String: JSONValue]

    public init(
        stopSequences: [String]? = nil,
        responseMimeType: String? = nil,
        responseSchema: JSONValue? = nil,
        responseJsonSchema: JSONValue? = nil,
        candidateCount: Int? = nil,
        maxOutputTokens: Int? = nil,
        temperature: Double? = nil,
        topP: Double? = nil,
        topK: Double? = nil,
        seed: Int? = nil,
        presencePenalty: Double? = nil,
        frequencyPenalty: Double? = nil,
        responseLogprobs: Bool? = nil,
        logprobs: Int? = nil,
        thinkingConfig: GeminiThinkingConfig? = nil,
        responseModalities: [String]? = nil,
        speechConfig: GeminiSpeechConfig? = nil,
        imageConfig: GeminiImageConfig? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.stopSequences = stopSequences
        self.responseMimeType = responseMimeType
        self.responseSchema = responseSchema
        self.responseJsonSchema = responseJsonSchema
        self.candidateCount = candidateCount
        self.maxOutputTokens = maxOutputTokens
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.seed = seed
        self.presencePenalty = presencePenalty
        self.frequencyPenalty = frequencyPenalty
        self.responseLogprobs = responseLogprobs
        self.logprobs = logprobs
        self.thinkingConfig = thinkingConfig
        self.responseModalities = responseModalities
        self.speechConfig = speechConfig
        self.imageConfig = imageConfig
        self.extra = extra
    }

    /// Whether no member is set, so the whole object can be left out.
    public var isEmpty: Bool { self == GeminiGenerationConfig() }
}

extension GeminiGenerationConfig: Codable {
    private static let known = [
        "stopSequences", "responseMimeType", "responseSchema", "responseJsonSchema", "candidateCount",
        "maxOutputTokens", "temperature", "topP", "topK", "seed", "presencePenalty", "frequencyPenalty",
        "responseLogprobs", "logprobs", "thinkingConfig", "responseModalities", "speechConfig", "imageConfig",
    ]

    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        stopSequences = try reader.optional([String].self, "stopSequences")
        responseMimeType = try reader.optional(String.self, "responseMimeType")
        responseSchema = try reader.optional(JSONValue.self, "responseSchema")
        responseJsonSchema = try reader.optional(JSONValue.self, "responseJsonSchema")
        candidateCount = try reader.optional(Int.self, "candidateCount")
        maxOutputTokens = try reader.optional(Int.self, "maxOutputTokens")
        temperature = try reader.optional(Double.self, "temperature")
        topP = try reader.optional(Double.self, "topP")
        topK = try reader.optional(Double.self, "topK")
        seed = try reader.optional(Int.self, "seed")
        presencePenalty = try reader.optional(Double.self, "presencePenalty")
        frequencyPenalty = try reader.optional(Double.self, "frequencyPenalty")
        responseLogprobs = try reader.optional(Bool.self, "responseLogprobs")
        logprobs = try reader.optional(Int.self, "logprobs")
        thinkingConfig = try reader.optional(GeminiThinkingConfig.self, "thinkingConfig")
        responseModalities = try reader.optional([String].self, "responseModalities")
        speechConfig = try reader.optional(GeminiSpeechConfig.self, "speechConfig")
        imageConfig = try reader.optional(GeminiImageConfig.self, "imageConfig")
        extra = try reader.extra(known: Self.known)
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(stopSequences, "stopSequences")
        try writer.put(responseMimeType, "responseMimeType")
        try writer.put(responseSchema, "responseSchema")
        try writer.put(responseJsonSchema, "responseJsonSchema")
        try writer.put(candidateCount, "candidateCount")
        try writer.put(maxOutputTokens, "maxOutputTokens")
        try writer.put(temperature, "temperature")
        try writer.put(topP, "topP")
        try writer.put(topK.map(JSONValue.number), "topK")
        try writer.put(seed, "seed")
        try writer.put(presencePenalty, "presencePenalty")
        try writer.put(frequencyPenalty, "frequencyPenalty")
        try writer.put(responseLogprobs, "responseLogprobs")
        try writer.put(logprobs, "logprobs")
        try writer.put(thinkingConfig, "thinkingConfig")
        try writer.put(responseModalities, "responseModalities")
        try writer.put(speechConfig, "speechConfig")
        try writer.put(imageConfig, "imageConfig")
        try encoder.encodeExtraFields(extra)
    }
}
