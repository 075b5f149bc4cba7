/// One ranked document of a rerank answer: its position in the request and its score.
public struct RerankResult: Sendable, Hashable {
    /// The document's index in the request's `documents`.
    public var index: Int
    /// 0–1, higher is more relevant.
    public var relevanceScore: Double
    /// The document (`{"text": …}` or the v1 object), when v1 was asked to return it.
    public var document: JSONValue?
    public var extra: [String: JSONValue]

    public init(index: Int, relevanceScore: Double, document: JSONValue? = nil, extra: [String: JSONValue] = [:]) {
        self.index = index
        self.relevanceScore = relevanceScore
        self.document = document
        self.extra = extra
    }
}

extension RerankResult: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case index
        case relevanceScore = "relevance_score"
        case document
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        index = try container.decode(Int.self, forKey: .index)
        relevanceScore = try container.decodeIfPresent(Double.self, forKey: .relevanceScore) ?? 0
        document = try container.decodeIfPresent(JSONValue.self, forKey: .document)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(document, forKey: .document)
        try container.encode(index, forKey: .index)
        try container.encode(JSONValue.number(relevanceScore), forKey: .relevanceScore)
        try encoder.encodeExtraFields(extra)
    }
}
