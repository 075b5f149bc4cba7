/// The JSON body of a transcription or translation answer: `json` (`text`, perhaps `usage`) or
/// `verbose_json` (also `task`, `language`, `duration`, `segments`, perhaps `words`).
///
/// Members are written only when set, so one type gives either shape; `logprobs` and anything
/// else unmodelled stay in `extra`.
public struct TranscriptionResponse: Sendable, Hashable {
    public var text: String
    /// `transcribe` or `translate` (`verbose_json`).
    public var task: String?
    /// The spoken language's English name, lowercased (`english`), in `verbose_json`.
    public var language: String?
    /// Seconds of audio (`verbose_json`).
    public var duration: Double?
    public var segments: [TranscriptionSegment]?
    public var words: [TranscriptionWord]?
    public var usage: TranscriptionUsage?
    public var extra: [String: JSONValue]

    public init(
        text: String,
        task: String? = nil,
        language: String? = nil,
        duration: Double? = nil,
        segments: [TranscriptionSegment]? = nil,
        words: [TranscriptionWord]? = nil,
        usage: TranscriptionUsage? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.text = text
        self.task = task
        self.language = language
        self.duration = duration
        self.segments = segments
        self.words = words
        self.usage = usage
        self.extra = extra
    }
}

extension TranscriptionResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case task
        case language
        case duration
        case text
        case segments
        case words
        case usage
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        task = try container.decodeIfPresent(String.self, forKey: .task)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        duration = try container.decodeIfPresent(Double.self, forKey: .duration)
        segments = try container.decodeIfPresent([TranscriptionSegment].self, forKey: .segments)
        words = try container.decodeIfPresent([TranscriptionWord].self, forKey: .words)
        usage = try container.decodeIfPresent(TranscriptionUsage.self, forKey: .usage)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(task, forKey: .task)
        try container.encodeIfPresent(language, forKey: .language)
        try container.encodeIfPresent(duration.map(JSONValue.number), forKey: .duration)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(segments, forKey: .segments)
        try container.encodeIfPresent(words, forKey: .words)
        try container.encodeIfPresent(usage, forKey: .usage)
        try encoder.encodeExtraFields(extra)
    }
}
