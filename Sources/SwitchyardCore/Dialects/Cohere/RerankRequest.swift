/// The body of Cohere's `POST /v1/rerank` and `POST /v2/rerank`.
///
/// v1 takes strings or objects in `documents` (ranked on `rank_fields`, else `text`) and
/// `return_documents` and `max_chunks_per_doc`; v2 takes strings and `max_tokens_per_doc`.
/// One type reads both; anything else stays in `extra`.
public struct RerankRequest: Sendable, Hashable {
    /// Required by v2; v1 has a default.
    public var model: String?
    public var query: String
    public var documents: [RerankDocument]
    /// How many results to return; all documents when absent.
    public var topN: Int?
    /// Whether each result carries its document (v1).
    public var returnDocuments: Bool?
    /// The members of object documents to rank on (v1).
    public var rankFields: [String]?
    public var maxChunksPerDoc: Int?
    public var maxTokensPerDoc: Int?
    public var extra: [String: JSONValue]

    public init(
        model: String? = nil,
        query: String,
        documents: [RerankDocument],
        topN: Int? = nil,
        returnDocuments: Bool? = nil,
        rankFields: [String]? = nil,
        maxChunksPerDoc: Int? = nil,
        maxTokensPerDoc: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.query = query
        self.documents = documents
        self.topN = topN
        self.returnDocuments = returnDocuments
        self.rankFields = rankFields
        self.maxChunksPerDoc = maxChunksPerDoc
        self.maxTokensPerDoc = maxTokensPerDoc
        self.extra = extra
    }
}

extension RerankRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case query
        case documents
        case topN = "top_n"
        case returnDocuments = "return_documents"
        case rankFields = "rank_fields"
        case maxChunksPerDoc = "max_chunks_per_doc"
        case maxTokensPerDoc = "max_tokens_per_doc"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decodeIfPresent(String.self, forKey: .model)
        query = try container.decode(String.self, forKey: .query)
        documents = try container.decode([RerankDocument].self, forKey: .documents)
        topN = try container.decodeIfPresent(Int.self, forKey: .topN)
        returnDocuments = try container.decodeIfPresent(Bool.self, forKey: .returnDocuments)
        rankFields = try container.decodeIfPresent([String].self, forKey: .rankFields)
        maxChunksPerDoc = try container.decodeIfPresent(Int.self, forKey: .maxChunksPerDoc)
        maxTokensPerDoc = try container.decodeIfPresent(Int.self, forKey: .maxTokensPerDoc)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(model, forKey: .model)
        try container.encode(query, forKey: .query)
        try container.encode(documents, forKey: .documents)
        try container.encodeIfPresent(topN, forKey: .topN)
        try container.encodeIfPresent(returnDocuments, forKey: .returnDocuments)
        try container.encodeIfPresent(rankFields, forKey: .rankFields)
        try container.encodeIfPresent(maxChunksPerDoc, forKey: .maxChunksPerDoc)
        try container.encodeIfPresent(maxTokensPerDoc, forKey: .maxTokensPerDoc)
        try encoder.encodeExtraFields(extra)
    }
}
