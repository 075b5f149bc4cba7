/// Token counts of a response (`usage`).
///
/// Both breakdowns are always written, every count in them too (0 when unknown): OpenAI's SDKs
/// (openai-python 3.6x) validate `cached_tokens`, `cache_write_tokens` and `reasoning_tokens`
/// as required.
public struct ResponseUsage: Sendable, Hashable {
    public var inputTokens: Int
    /// Input tokens served from the provider's prompt cache.
    public var cachedTokens: Int
    /// Input tokens written to the provider's prompt cache.
    public var cacheWriteTokens: Int
    public var outputTokens: Int
    /// Output tokens spent thinking.
    public var reasoningTokens: Int
    public var totalTokens: Int
    /// Members this type does not model.
    public var extra: [String: JSONValue]

    public init(
        inputTokens: Int,
        cachedTokens: Int = 0,
        cacheWriteTokens: Int = 0,
        outputTokens: Int,
        reasoningTokens: Int = 0,
        totalTokens: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.inputTokens = inputTokens
        self.cachedTokens = cachedTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.outputTokens = outputTokens
        self.reasoningTokens = reasoningTokens
        self.totalTokens = totalTokens ?? inputTokens + outputTokens
        self.extra = extra
    }
}

extension ResponseUsage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case inputTokens = "input_tokens"
        case inputTokensDetails = "input_tokens_details"
        case outputTokens = "output_tokens"
        case outputTokensDetails = "output_tokens_details"
        case totalTokens = "total_tokens"
    }

    private enum DetailKeys: String, CodingKey {
        case cachedTokens = "cached_tokens"
        case cacheWriteTokens = "cache_write_tokens"
        case reasoningTokens = "reasoning_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputTokens = try container.decodeIfPresent(Int.self, forKey: .inputTokens) ?? 0
        outputTokens = try container.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0
        totalTokens = try container.decodeIfPresent(Int.self, forKey: .totalTokens) ?? inputTokens + outputTokens
        let input = try? container.nestedContainer(keyedBy: DetailKeys.self, forKey: .inputTokensDetails)
        cachedTokens = try input?.decodeIfPresent(Int.self, forKey: .cachedTokens) ?? 0
        cacheWriteTokens = try input?.decodeIfPresent(Int.self, forKey: .cacheWriteTokens) ?? 0
        let output = try? container.nestedContainer(keyedBy: DetailKeys.self, forKey: .outputTokensDetails)
        reasoningTokens = try output?.decodeIfPresent(Int.self, forKey: .reasoningTokens) ?? 0
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputTokens, forKey: .inputTokens)
        var input = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .inputTokensDetails)
        try input.encode(cachedTokens, forKey: .cachedTokens)
        try input.encode(cacheWriteTokens, forKey: .cacheWriteTokens)
        try container.encode(outputTokens, forKey: .outputTokens)
        var output = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .outputTokensDetails)
        try output.encode(reasoningTokens, forKey: .reasoningTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
        try encoder.encodeExtraFields(extra)
    }
}
