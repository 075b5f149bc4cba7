/// One stretch of a `verbose_json` transcription, with its times in seconds.
///
/// Providers that report no decoder statistics leave `tokens` empty and the statistics 0;
/// OpenAI's SDKs require the members to be present.
public struct TranscriptionSegment: Sendable, Hashable {
    public var id: Int
    public var seek: Int
    public var start: Double
    public var end: Double
    public var text: String
    public var tokens: [Int]
    public var temperature: Double
    public var avgLogprob: Double
    public var compressionRatio: Double
    public var noSpeechProb: Double
    public var extra: [String: JSONValue]

    public init(
        id: Int,
        seek: Int = 0,
        start: Double,
        end: Double,
        text: String,
        tokens: [Int] = [],
        temperature: Double = 0,
        avgLogprob: Double = 0,
        compressionRatio: Double = 0,
        noSpeechProb: Double = 0,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.seek = seek
        self.start = start
        self.end = end
        self.text = text
        self.tokens = tokens
        self.temperature = temperature
        self.avgLogprob = avgLogprob
        self.compressionRatio = compressionRatio
        self.noSpeechProb = noSpeechProb
        self.extra = extra
    }
}

extension TranscriptionSegment: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case seek
        case start
        case end
        case text
        case tokens
        case temperature
        case avgLogprob = "avg_logprob"
        case compressionRatio = "compression_ratio"
        case noSpeechProb = "no_speech_prob"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(Int.self, forKey: .id) ?? 0
        seek = try container.decodeIfPresent(Int.self, forKey: .seek) ?? 0
        start = try container.decodeIfPresent(Double.self, forKey: .start) ?? 0
        end = try container.decodeIfPresent(Double.self, forKey: .end) ?? 0
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        tokens = try container.decodeIfPresent([Int].self, forKey: .tokens) ?? []
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature) ?? 0
        avgLogprob = try container.decodeIfPresent(Double.self, forKey: .avgLogprob) ?? 0
        compressionRatio = try container.decodeIfPresent(Double.self, forKey: .compressionRatio) ?? 0
        noSpeechProb = try container.decodeIfPresent(Double.self, forKey: .noSpeechProb) ?? 0
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(seek, forKey: .seek)
        try container.encode(JSONValue.number(start), forKey: .start)
        try container.encode(JSONValue.number(end), forKey: .end)
        try container.encode(text, forKey: .text)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(JSONValue.number(temperature), forKey: .temperature)
        try container.encode(JSONValue.number(avgLogprob), forKey: .avgLogprob)
        try container.encode(JSONValue.number(compressionRatio), forKey: .compressionRatio)
        try container.encode(JSONValue.number(noSpeechProb), forKey: .noSpeechProb)
        try encoder.encodeExtraFields(extra)
    }
}
