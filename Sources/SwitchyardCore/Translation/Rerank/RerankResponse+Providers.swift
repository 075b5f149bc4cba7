extension RerankResponse {
    /// The Cohere answer for a Jina rerank answer to `request`.
    ///
    /// Results keep Jina's order (most relevant first). See `init(ranked:request:version:id:
    /// totalTokens:)` for documents and `meta`.
    public init(jina response: JinaRerankResponse, request: RerankRequest, version: CohereRerankVersion, id: String) throws {
        try self.init(ranked: response.results, request: request, version: version, id: id, totalTokens: response.totalTokens)
    }

    /// The Cohere answer for a Voyage rerank answer to `request`.
    public init(voyage response: VoyageRerankResponse, request: RerankRequest, version: CohereRerankVersion, id: String) throws {
        try self.init(ranked: response.data, request: request, version: version, id: id, totalTokens: response.totalTokens)
    }

    /// Cohere results from a provider's ranked `(index, relevance_score)` pairs.
    ///
    /// v1 with `return_documents` gives each result its document from the request (`{"text"}`
    /// for a string, the object itself otherwise); v2 gives none. `meta` has `api_version`,
    /// `billed_units.search_units` counted as Cohere does (one per 100 documents, at least 1)
    /// and `tokens.input_tokens` from the provider's total. An index outside the request's
    /// documents is a 502.
    init(ranked: [RerankResult], request: RerankRequest, version: CohereRerankVersion, id: String, totalTokens: Int?) throws {
        let withDocuments = version == .v1 && request.returnDocuments == true
        let results = try ranked.map { result in
            guard request.documents.indices.contains(result.index) else {
                throw GatewayError(.upstream(status: 502), "The provider ranked document \(result.index), which the request does not have.")
            }
            // JSONValue is nil-literal convertible: spell the optional out so "no document" is
            // nil, not JSON null.
            let document: JSONValue? = withDocuments ? .some(request.documents[result.index].returned) : .none
            return RerankResult(index: result.index, relevanceScore: result.relevanceScore, document: document)
        }
        let meta = RerankMeta(
            apiVersion: .init(version: version.rawValue),
            billedUnits: .init(searchUnits: max(1, (request.documents.count + 99) / 100)),
            tokens: totalTokens.map { .init(inputTokens: $0, outputTokens: 0) }
        )
        self.init(id: id, results: results, meta: meta)
    }
}

extension Usage {
    /// Usage of a rerank for pricing by token: every token read is a prompt token.
    public init(rerankTokens totalTokens: Int) {
        self.init(promptTokens: totalTokens, completionTokens: 0, totalTokens: totalTokens)
    }
}
