/// The body of `POST /v1/audio/speech`.
public struct SpeechRequest: Sendable, Hashable {
    public var model: String
    /// The text to speak (up to 4,096 characters at OpenAI).
    public var input: String
    public var voice: SpeechVoice
    /// `mp3` (OpenAI's default), `opus`, `aac`, `flac`, `wav` or `pcm`.
    public var responseFormat: String?
    /// 0.25–4.0; 1.0 is normal.
    public var speed: Double?
    /// How to speak (tone, accent, pace); not for `tts-1` and `tts-1-hd`.
    public var instructions: String?
    /// `audio` (raw bytes) or `sse` (events with base64 chunks).
    public var streamFormat: String?
    public var extra: [String: JSONValue]

    public init(
        model: String,
        input: String,
        voice: SpeechVoice,
        responseFormat: String? = nil,
        speed: Double? = nil,
        instructions: String? = nil,
        streamFormat: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.input = input
        self.voice = voice
        self.responseFormat = responseFormat
        self.speed = speed
        self.instructions = instructions
        self.streamFormat = streamFormat
        self.extra = extra
    }
}

extension SpeechRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case input
        case voice
        case responseFormat = "response_format"
        case speed
        case instructions
        case streamFormat = "stream_format"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        input = try container.decode(String.self, forKey: .input)
        voice = try container.decode(SpeechVoice.self, forKey: .voice)
        responseFormat = try container.decodeIfPresent(String.self, forKey: .responseFormat)
        speed = try container.decodeIfPresent(Double.self, forKey: .speed)
        instructions = try container.decodeIfPresent(String.self, forKey: .instructions)
        streamFormat = try container.decodeIfPresent(String.self, forKey: .streamFormat)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(input, forKey: .input)
        try container.encode(voice, forKey: .voice)
        try container.encodeIfPresent(responseFormat, forKey: .responseFormat)
        try container.encodeIfPresent(speed, forKey: .speed)
        try container.encodeIfPresent(instructions, forKey: .instructions)
        try container.encodeIfPresent(streamFormat, forKey: .streamFormat)
        try encoder.encodeExtraFields(extra)
    }
}
