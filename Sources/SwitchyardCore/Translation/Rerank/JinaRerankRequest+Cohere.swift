extension JinaRerankRequest {
    /// The Jina rerank body for a Cohere rerank request (v1 or v2), for the upstream `model`.
    ///
    /// `query` and `top_n` carry over; documents are flattened to strings with
    /// `RerankRequest.rankedTexts()`. `return_documents` is false: the gateway puts documents
    /// back from the request itself, so they need not travel twice. `max_chunks_per_doc` and
    /// `max_tokens_per_doc` have no Jina equivalent and are left out.
    public init(cohere request: RerankRequest, model: String) throws {
        try request.validate()
        self.init(
            model: model,
            query: request.query,
            documents: try request.rankedTexts().map(JSONValue.string),
            topN: request.topN,
            returnDocuments: false
        )
    }
}
