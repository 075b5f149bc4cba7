extension EmbeddingResponse {
    /// The OpenAI embeddings response for a Gemini provider's `batchEmbedContents` answer.
    ///
    /// Vectors are written as floats, or as base64 when `encodingFormat` is `.base64`. Gemini
    /// reports no token counts, so `usage` is nil.
    public init(
        geminiBatch response: GeminiBatchEmbedContentsResponse,
        model: String,
        encodingFormat: EmbeddingEncodingFormat? = nil
    ) {
        let data = response.embeddings.enumerated().map { index, embedding in
            let vector: EmbeddingVector = encodingFormat == .base64
                ? .base64(encoding: embedding.values)
                : .floats(embedding.values)
            return Embedding(index: index, embedding: vector)
        }
        self.init(data: data, model: model)
    }
}
