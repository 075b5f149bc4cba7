/// One speaker's voice (`voiceConfig`): a prebuilt voice by name.
public struct GeminiVoiceConfig: Sendable, Hashable {
    public var prebuiltVoiceConfig: GeminiPrebuiltVoiceConfig?
    public var extra: [String: JSONValue]

    public init(prebuiltVoiceConfig: GeminiPrebuiltVoiceConfig? = nil, extra: [String: JSONValue] = [:]) {
        self.prebuiltVoiceConfig = prebuiltVoiceConfig
        self.extra = extra
    }

    /// The prebuilt voice `name` (`Kore`).
    public init(voiceName name: String) {
        self.init(prebuiltVoiceConfig: GeminiPrebuiltVoiceConfig(voiceName: name))
    }
}

extension GeminiVoiceConfig: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        prebuiltVoiceConfig = try reader.optional(GeminiPrebuiltVoiceConfig.self, "prebuiltVoiceConfig")
        extra = try reader.extra(known: ["prebuiltVoiceConfig"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(prebuiltVoiceConfig, "prebuiltVoiceConfig")
        try encoder.encodeExtraFields(extra)
    }
}
