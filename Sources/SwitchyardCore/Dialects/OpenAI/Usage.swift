/// Token counts of a chat or text completion (`usage`).
///
/// A missing count decodes as 0: some OpenAI-compatible servers omit `completion_tokens`.
public struct Usage: Sendable, Hashable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int
    public var promptTokensDetails: PromptTokensDetails?
    public var completionTokensDetails: CompletionTokensDetails?
    public var extra: [String: JSONValue]

    public init(
        promptTokens: Int,
        completionTokens: Int,
        totalTokens: Int? = nil,
        promptTokensDetails: PromptTokensDetails? = nil,
        completionTokensDetails: CompletionTokensDetails? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens ?? promptTokens + completionTokens
        self.promptTokensDetails = promptTokensDetails
        self.completionTokensDetails = completionTokensDetails
        self.extra = extra
    }

    /// The breakdown of `prompt_tokens`.
    public struct PromptTokensDetails: Sendable, Hashable {
        /// Prompt tokens served from the provider's prompt cache.
        public var cachedTokens: Int?
        public var audioTokens: Int?
        public var extra: [String: JSONValue]

        public init(cachedTokens: Int? = nil, audioTokens: Int? = nil, extra: [String: JSONValue] = [:]) {
            self.cachedTokens = cachedTokens
            self.audioTokens = audioTokens
            self.extra = extra
        }
    }

    /// The breakdown of `completion_tokens`.
    public struct CompletionTokensDetails: Sendable, Hashable {
        public var reasoningTokens: Int?
        public var audioTokens: Int?
        public var acceptedPredictionTokens: Int?
        public var rejectedPredictionTokens: Int?
        public var extra: [String: JSONValue]

        public init(
            reasoningTokens: Int? = nil,
            audioTokens: Int? = nil,
            acceptedPredictionTokens: Int? = nil,
            rejectedPredictionTokens: Int? = nil,
            extra: [String: JSONValue] = [:]
        ) {
            self.reasoningTokens = reasoningTokens
            self.audioTokens = audioTokens
            self.acceptedPredictionTokens = acceptedPredictionTokens
            self.rejectedPredictionTokens = rejectedPredictionTokens
            self.extra = extra
        }
    }
}

extension Usage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
        case promptTokensDetails = "prompt_tokens_details"
        case completionTokensDetails = "completion_tokens_details"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try container.decodeIfPresent(Int.self, forKey: .promptTokens) ?? 0
        completionTokens = try container.decodeIfPresent(Int.self, forKey: .completionTokens) ?? 0
        totalTokens = try container.decodeIfPresent(Int.self, forKey: .totalTokens) ?? promptTokens + completionTokens
        promptTokensDetails = try container.decodeIfPresent(PromptTokensDetails.self, forKey: .promptTokensDetails)
        completionTokensDetails = try container.decodeIfPresent(
            CompletionTokensDetails.self,
            forKey: .completionTokensDetails
        )
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
        try container.encodeIfPresent(promptTokensDetails, forKey: .promptTokensDetails)
        try container.encodeIfPresent(completionTokensDetails, forKey: .completionTokensDetails)
        try encoder.encodeExtraFields(extra)
    }
}

extension Usage.PromptTokensDetails: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case cachedTokens = "cached_tokens"
        case audioTokens = "audio_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cachedTokens = try container.decodeIfPresent(Int.self, forKey: .cachedTokens)
        audioTokens = try container.decodeIfPresent(Int.self, forKey: .audioTokens)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(cachedTokens, forKey: .cachedTokens)
        try container.encodeIfPresent(audioTokens, forKey: .audioTokens)
        try encoder.encodeExtraFields(extra)
    }
}

extension Usage.CompletionTokensDetails: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case reasoningTokens = "reasoning_tokens"
        case audioTokens = "audio_tokens"
        case acceptedPredictionTokens = "accepted_prediction_tokens"
        case rejectedPredictionTokens = "rejected_prediction_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reasoningTokens = try container.decodeIfPresent(Int.self, forKey: .reasoningTokens)
        audioTokens = try container.decodeIfPresent(Int.self, forKey: .audioTokens)
        acceptedPredictionTokens = try container.decodeIfPresent(Int.self, forKey: .acceptedPredictionTokens)
        rejectedPredictionTokens = try container.decodeIfPresent(Int.self, forKey: .rejectedPredictionTokens)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(reasoningTokens, forKey: .reasoningTokens)
        try container.encodeIfPresent(audioTokens, forKey: .audioTokens)
        try container.encodeIfPresent(acceptedPredictionTokens, forKey: .acceptedPredictionTokens)
        try container.encodeIfPresent(rejectedPredictionTokens, forKey: .rejectedPredictionTokens)
        try encoder.encodeExtraFields(extra)
    }
}
