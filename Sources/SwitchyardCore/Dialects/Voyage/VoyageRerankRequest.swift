/// The body of Voyage's `POST https://api.voyageai.com/v1/rerank`.
public struct VoyageRerankRequest: Sendable, Hashable {
    public var query: String
    /// Strings only (up to 1,000).
    public var documents: [String]
    public var model: String
    /// How many results to return; all documents when absent.
    public var topK: Int?
    /// Whether each result carries its document (Voyage's default is false).
    public var returnDocuments: Bool?
    /// Whether over-long inputs are cut to fit (the default) rather than refused.
    public var truncation: Bool?
    public var extra: [String: JSONValue]

    public init(
        query: String,
        documents: [String],
        model: String,
        topK: Int? = nil,
        returnDocuments: Bool? = nil,
        truncation: Bool? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.query = query
        self.documents = documents
        self.model = model
        self.topK = topK
        self.returnDocuments = returnDocuments
        self.truncation = truncation
        self.extra = extra
    }
}

extension VoyageRerankRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case query
        case documents
        case model
        case topK = "top_k"
        case returnDocuments = "return_documents"
        case truncation
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        query = try container.decode(String.self, forKey: .query)
        documents = try container.decode([String].self, forKey: .documents)
        model = try container.decode(String.self, forKey: .model)
        topK = try container.decodeIfPresent(Int.self, forKey: .topK)
        returnDocuments = try container.decodeIfPresent(Bool.self, forKey: .returnDocuments)
        truncation = try container.decodeIfPresent(Bool.self, forKey: .truncation)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(query, forKey: .query)
        try container.encode(documents, forKey: .documents)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(topK, forKey: .topK)
        try container.encodeIfPresent(returnDocuments, forKey: .returnDocuments)
        try container.encodeIfPresent(truncation, forKey: .truncation)
        try encoder.encodeExtraFields(extra)
    }
}
