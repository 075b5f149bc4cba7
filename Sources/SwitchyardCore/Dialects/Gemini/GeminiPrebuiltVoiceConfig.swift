/// A prebuilt voice of Gemini's speech models (`prebuiltVoiceConfig`).
public struct GeminiPrebuiltVoiceConfig: Sendable, Hashable {
    /// `Kore`, `Puck`, `Charon`… (see `GeminiVoice.prebuilt`).
    public var voiceName: String?
    public var extra: [String: JSONValue]

    public init(voiceName: String? = nil, extra: [String: JSONValue] = [:]) {
        self.voiceName = voiceName
        self.extra = extra
    }
}

extension GeminiPrebuiltVoiceConfig: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        voiceName = try reader.optional(String.self, "voiceName")
        extra = try reader.extra(known: ["voiceName"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(voiceName, "voiceName")
        try encoder.encodeExtraFields(extra)
    }
}
