/// What a transcription was billed on (`usage`): seconds of audio (`whisper-1`) or tokens
/// (`gpt-4o-transcribe`), told apart by `type`.
public enum TranscriptionUsage: Sendable, Hashable {
    /// `{"type": "duration", "seconds": 9}`.
    case duration(seconds: Double)
    /// `{"type": "tokens", "input_tokens": …, "output_tokens": …, "total_tokens": …}`.
    case tokens(Tokens)
    /// A type OpenAI adds later, kept whole (its `type` included).
    case other([String: JSONValue])

    /// Token counts of a transcription.
    public struct Tokens: Sendable, Hashable {
        public var inputTokens: Int
        public var outputTokens: Int
        public var totalTokens: Int
        /// The split of `inputTokens` between the prompt's text and the audio.
        public var inputTokenDetails: InputTokenDetails?
        public var extra: [String: JSONValue]

        public init(
            inputTokens: Int,
            outputTokens: Int,
            totalTokens: Int? = nil,
            inputTokenDetails: InputTokenDetails? = nil,
            extra: [String: JSONValue] = [:]
        ) {
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.totalTokens = totalTokens ?? inputTokens + outputTokens
            self.inputTokenDetails = inputTokenDetails
            self.extra = extra
        }
    }

    /// Input tokens by modality.
    public struct InputTokenDetails: Sendable, Hashable {
        public var textTokens: Int?
        public var audioTokens: Int?

        public init(textTokens: Int? = nil, audioTokens: Int? = nil) {
            self.textTokens = textTokens
            self.audioTokens = audioTokens
        }
    }
}

extension TranscriptionUsage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case seconds
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case totalTokens = "total_tokens"
        case inputTokenDetails = "input_token_details"
    }

    private enum DetailKeys: String, CodingKey {
        case textTokens = "text_tokens"
        case audioTokens = "audio_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decodeIfPresent(String.self, forKey: .type) {
        case "duration":
            self = .duration(seconds: try container.decodeIfPresent(Double.self, forKey: .seconds) ?? 0)
        case "tokens":
            var details: InputTokenDetails?
            if container.contains(.inputTokenDetails), try !container.decodeNil(forKey: .inputTokenDetails) {
                let nested = try container.nestedContainer(keyedBy: DetailKeys.self, forKey: .inputTokenDetails)
                details = InputTokenDetails(
                    textTokens: try nested.decodeIfPresent(Int.self, forKey: .textTokens),
                    audioTokens: try nested.decodeIfPresent(Int.self, forKey: .audioTokens)
                )
            }
            let input = try container.decodeIfPresent(Int.self, forKey: .inputTokens) ?? 0
            let output = try container.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0
            self = .tokens(Tokens(
                inputTokens: input,
                outputTokens: output,
                totalTokens: try container.decodeIfPresent(Int.self, forKey: .totalTokens),
                inputTokenDetails: details,
                extra: try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
            ))
        default:
            self = .other(try decoder.extraFields(excluding: []))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .duration(let seconds):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("duration", forKey: .type)
            try container.encode(JSONValue.number(seconds), forKey: .seconds)
        case .tokens(let tokens):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("tokens", forKey: .type)
            try container.encode(tokens.inputTokens, forKey: .inputTokens)
            try container.encode(tokens.outputTokens, forKey: .outputTokens)
            try container.encode(tokens.totalTokens, forKey: .totalTokens)
            if let details = tokens.inputTokenDetails {
                var nested = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .inputTokenDetails)
                try nested.encodeIfPresent(details.textTokens, forKey: .textTokens)
                try nested.encodeIfPresent(details.audioTokens, forKey: .audioTokens)
            }
            try encoder.encodeExtraFields(tokens.extra)
        case .other(let fields):
            try encoder.encodeExtraFields(fields)
        }
    }
}
