extension GeminiBatchEmbedContentsResponse {
    /// The Gemini `batchEmbedContents` answer for an OpenAI embeddings response, in input order.
    public init(openAI response: EmbeddingResponse) throws {
        let ordered = response.data.sorted { $0.index < $1.index }
        self.init(embeddings: try ordered.map(GeminiContentEmbedding.init(openAI:)))
    }
}
