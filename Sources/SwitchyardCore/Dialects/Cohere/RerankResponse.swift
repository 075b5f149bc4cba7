/// The body of a Cohere rerank answer: results in order of relevance, most relevant first.
public struct RerankResponse: Sendable, Hashable {
    public var id: String?
    public var results: [RerankResult]
    public var meta: RerankMeta?
    public var extra: [String: JSONValue]

    public init(id: String? = nil, results: [RerankResult], meta: RerankMeta? = nil, extra: [String: JSONValue] = [:]) {
        self.id = id
        self.results = results
        self.meta = meta
        self.extra = extra
    }
}

extension RerankResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case results
        case meta
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        results = try container.decodeIfPresent([RerankResult].self, forKey: .results) ?? []
        meta = try container.decodeIfPresent(RerankMeta.self, forKey: .meta)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(results, forKey: .results)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeExtraFields(extra)
    }
}
