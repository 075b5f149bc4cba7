/// Converse's token counts (`usage`). `inputTokens` excludes tokens read from or written to
/// the prompt cache, which have their own counts.
public struct BedrockTokenUsage: Sendable, Hashable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var totalTokens: Int
    public var cacheReadInputTokens: Int?
    public var cacheWriteInputTokens: Int?
    /// Members this type does not model (`cacheDetails`…).
    public var extra: [String: JSONValue]

    public init(
        inputTokens: Int,
        outputTokens: Int,
        totalTokens: Int? = nil,
        cacheReadInputTokens: Int? = nil,
        cacheWriteInputTokens: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.totalTokens = totalTokens ?? inputTokens + outputTokens + (cacheReadInputTokens ?? 0) + (cacheWriteInputTokens ?? 0)
        self.cacheReadInputTokens = cacheReadInputTokens
        self.cacheWriteInputTokens = cacheWriteInputTokens
        self.extra = extra
    }
}

extension BedrockTokenUsage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case inputTokens, outputTokens, totalTokens, cacheReadInputTokens, cacheWriteInputTokens
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            inputTokens: try container.decodeIfPresent(Int.self, forKey: .inputTokens) ?? 0,
            outputTokens: try container.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0,
            totalTokens: try container.decodeIfPresent(Int.self, forKey: .totalTokens),
            cacheReadInputTokens: try container.decodeIfPresent(Int.self, forKey: .cacheReadInputTokens),
            cacheWriteInputTokens: try container.decodeIfPresent(Int.self, forKey: .cacheWriteInputTokens),
            extra: try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
        )
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputTokens, forKey: .inputTokens)
        try container.encode(outputTokens, forKey: .outputTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
        try container.encodeIfPresent(cacheReadInputTokens, forKey: .cacheReadInputTokens)
        try container.encodeIfPresent(cacheWriteInputTokens, forKey: .cacheWriteInputTokens)
        try encoder.encodeExtraFields(extra)
    }
}
