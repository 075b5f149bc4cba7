/// The voice of a speech answer (`generationConfig.speechConfig`).
///
/// One speaker uses `voiceConfig`; a dialogue names up to two speakers in
/// `multiSpeakerVoiceConfig`, carried without interpretation.
public struct GeminiSpeechConfig: Sendable, Hashable {
    public var voiceConfig: GeminiVoiceConfig?
    public var multiSpeakerVoiceConfig: JSONValue?
    /// BCP-47 code of the spoken language (`en-US`), where the model accepts one.
    public var languageCode: String?
    public var extra: [String: JSONValue]

    public init(
        voiceConfig: GeminiVoiceConfig? = nil,
        multiSpeakerVoiceConfig: JSONValue? = nil,
        languageCode: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.voiceConfig = voiceConfig
        self.multiSpeakerVoiceConfig = multiSpeakerVoiceConfig
        self.languageCode = languageCode
        self.extra = extra
    }
}

extension GeminiSpeechConfig: Codable {
    private static let known = ["voiceConfig", "multiSpeakerVoiceConfig", "languageCode"]

    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        voiceConfig = try reader.optional(GeminiVoiceConfig.self, "voiceConfig")
        multiSpeakerVoiceConfig = try reader.optional(JSONValue.self, "multiSpeakerVoiceConfig")
        languageCode = try reader.optional(String.self, "languageCode")
        extra = try reader.extra(known: Self.known)
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(voiceConfig, "voiceConfig")
        try writer.put(multiSpeakerVoiceConfig, "multiSpeakerVoiceConfig")
        try writer.put(languageCode, "languageCode")
        try encoder.encodeExtraFields(extra)
    }
}
