extension VoyageRerankRequest {
    /// The Voyage rerank body for a Cohere rerank request (v1 or v2), for the upstream `model`.
    ///
    /// `top_n` → `top_k`; documents are flattened to strings (Voyage takes nothing else) with
    /// `RerankRequest.rankedTexts()`; a boolean `truncation` extension member passes through.
    /// `return_documents` is false: the gateway puts documents back from the request itself.
    /// `max_chunks_per_doc` and `max_tokens_per_doc` have no Voyage equivalent and are left out.
    public init(cohere request: RerankRequest, model: String) throws {
        try request.validate()
        self.init(
            query: request.query,
            documents: try request.rankedTexts(),
            model: model,
            topK: request.topN,
            returnDocuments: false,
            truncation: request.extra["truncation"]?.boolValue
        )
    }
}
