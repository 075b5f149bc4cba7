/// The body of Jina's `POST https://api.jina.ai/v1/rerank`.
///
/// Documents are strings, or objects for the multimodal reranker (`{"image": url}`).
public struct JinaRerankRequest: Sendable, Hashable {
    public var model: String
    public var query: String
    public var documents: [JSONValue]
    public var topN: Int?
    /// Whether each result carries its document (Jina's default is true).
    public var returnDocuments: Bool?
    public var extra: [String: JSONValue]

    public init(
        model: String,
        query: String,
        documents: [JSONValue],
        topN: Int? = nil,
        returnDocuments: Bool? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.query = query
        self.documents = documents
        self.topN = topN
        self.returnDocuments = returnDocuments
        self.extra = extra
    }
}

extension JinaRerankRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case query
        case documents
        case topN = "top_n"
        case returnDocuments = "return_documents"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        query = try container.decode(String.self, forKey: .query)
        documents = try container.decode([JSONValue].self, forKey: .documents)
        topN = try container.decodeIfPresent(Int.self, forKey: .topN)
        returnDocuments = try container.decodeIfPresent(Bool.self, forKey: .returnDocuments)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(query, forKey: .query)
        try container.encode(documents, forKey: .documents)
        try container.encodeIfPresent(topN, forKey: .topN)
        try container.encodeIfPresent(returnDocuments, forKey: .returnDocuments)
        try encoder.encodeExtraFields(extra)
    }
}
