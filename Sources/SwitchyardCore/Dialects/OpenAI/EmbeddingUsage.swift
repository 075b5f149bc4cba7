/// Token counts of an embeddings request: only prompt tokens are spent.
public struct EmbeddingUsage: Sendable, Hashable {
    public var promptTokens: Int
    public var totalTokens: Int
    public var extra: [String: JSONValue]

    public init(promptTokens: Int, totalTokens: Int? = nil, extra: [String: JSONValue] = [:]) {
        self.promptTokens = promptTokens
        self.totalTokens = totalTokens ?? promptTokens
        self.extra = extra
    }
}

extension EmbeddingUsage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case promptTokens = "prompt_tokens"
        case totalTokens = "total_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try container.decodeIfPresent(Int.self, forKey: .promptTokens) ?? 0
        totalTokens = try container.decodeIfPresent(Int.self, forKey: .totalTokens) ?? promptTokens
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
        try encoder.encodeExtraFields(extra)
    }
}
