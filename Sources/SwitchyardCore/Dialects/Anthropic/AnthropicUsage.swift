/// Token counts of a message (`usage`).
///
/// The whole prompt is `input_tokens + cache_creation_input_tokens + cache_read_input_tokens`:
/// `input_tokens` counts only the tokens after the last cache breakpoint. Unknown members
/// (`cache_creation`, `server_tool_use`, `service_tier`…) are kept in `extra`.
public struct AnthropicUsage: Sendable, Hashable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var cacheCreationInputTokens: Int?
    public var cacheReadInputTokens: Int?
    public var extra: [String: JSONValue]

    public init(
        inputTokens: Int,
        outputTokens: Int,
        cacheCreationInputTokens: Int? = nil,
        cacheReadInputTokens: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.extra = extra
    }

    /// Every prompt token: uncached, written to the cache, and read from it.
    public var totalInputTokens: Int {
        inputTokens + (cacheCreationInputTokens ?? 0) + (cacheReadInputTokens ?? 0)
    }
}

extension AnthropicUsage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case inputTokens = "input_tokens"
        case cacheCreationInputTokens = "cache_creation_input_tokens"
        case cacheReadInputTokens = "cache_read_input_tokens"
        case outputTokens = "output_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputTokens = try container.decodeIfPresent(Int.self, forKey: .inputTokens) ?? 0
        outputTokens = try container.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0
        cacheCreationInputTokens = try container.decodeIfPresent(Int.self, forKey: .cacheCreationInputTokens)
        cacheReadInputTokens = try container.decodeIfPresent(Int.self, forKey: .cacheReadInputTokens)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputTokens, forKey: .inputTokens)
        try container.encodeIfPresent(cacheCreationInputTokens, forKey: .cacheCreationInputTokens)
        try container.encodeIfPresent(cacheReadInputTokens, forKey: .cacheReadInputTokens)
        try container.encode(outputTokens, forKey: .outputTokens)
        try encoder.encodeExtraFields(extra)
    }
}
