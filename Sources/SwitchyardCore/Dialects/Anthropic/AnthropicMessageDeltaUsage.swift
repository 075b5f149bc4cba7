/// The `usage` of a `message_delta` stream event: cumulative counts so far.
///
/// Only `output_tokens` is always present; the input counts appear when the API reports them
/// (older streams send them only in `message_start`).
public struct AnthropicMessageDeltaUsage: Sendable, Hashable {
    public var outputTokens: Int
    public var inputTokens: Int?
    public var cacheCreationInputTokens: Int?
    public var cacheReadInputTokens: Int?
    public var extra: [String: JSONValue]

    public init(
        outputTokens: Int,
        inputTokens: Int? = nil,
        cacheCreationInputTokens: Int? = nil,
        cacheReadInputTokens: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.outputTokens = outputTokens
        self.inputTokens = inputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.extra = extra
    }
}

extension AnthropicMessageDeltaUsage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case inputTokens = "input_tokens"
        case cacheCreationInputTokens = "cache_creation_input_tokens"
        case cacheReadInputTokens = "cache_read_input_tokens"
        case outputTokens = "output_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outputTokens = try container.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0
        inputTokens = try container.decodeIfPresent(Int.self, forKey: .inputTokens)
        cacheCreationInputTokens = try container.decodeIfPresent(Int.self, forKey: .cacheCreationInputTokens)
        cacheReadInputTokens = try container.decodeIfPresent(Int.self, forKey: .cacheReadInputTokens)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(inputTokens, forKey: .inputTokens)
        try container.encodeIfPresent(cacheCreationInputTokens, forKey: .cacheCreationInputTokens)
        try container.encodeIfPresent(cacheReadInputTokens, forKey: .cacheReadInputTokens)
        try container.encode(outputTokens, forKey: .outputTokens)
        try encoder.encodeExtraFields(extra)
    }
}
