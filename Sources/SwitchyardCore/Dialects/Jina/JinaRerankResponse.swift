/// The body of a Jina rerank answer: `{model, usage: {total_tokens}, results: [{index,
/// relevance_score, document?}]}`, most relevant first.
public struct JinaRerankResponse: Sendable, Hashable {
    public var model: String?
    /// Tokens read, the unit Jina bills.
    public var totalTokens: Int?
    /// Rerank results in Cohere's shape, which Jina shares.
    public var results: [RerankResult]
    public var extra: [String: JSONValue]

    public init(model: String? = nil, totalTokens: Int? = nil, results: [RerankResult], extra: [String: JSONValue] = [:]) {
        self.model = model
        self.totalTokens = totalTokens
        self.results = results
        self.extra = extra
    }
}

extension JinaRerankResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case usage
        case results
    }

    private enum UsageKeys: String, CodingKey { case totalTokens = "total_tokens" }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decodeIfPresent(String.self, forKey: .model)
        if container.contains(.usage), try !container.decodeNil(forKey: .usage) {
            let usage = try container.nestedContainer(keyedBy: UsageKeys.self, forKey: .usage)
            totalTokens = try usage.decodeIfPresent(Int.self, forKey: .totalTokens)
        }
        results = try container.decodeIfPresent([RerankResult].self, forKey: .results) ?? []
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(model, forKey: .model)
        if let totalTokens {
            var usage = container.nestedContainer(keyedBy: UsageKeys.self, forKey: .usage)
            try usage.encode(totalTokens, forKey: .totalTokens)
        }
        try container.encode(results, forKey: .results)
        try encoder.encodeExtraFields(extra)
    }
}
