extension GeminiEmbedContentResponse {
    /// The Gemini `embedContent` answer for an OpenAI embeddings response (its first vector;
    /// base64 vectors are decoded).
    ///
    /// Throws a 502 when the provider returned no readable vector.
    public init(openAI response: EmbeddingResponse) throws {
        guard let first = response.data.min(by: { $0.index < $1.index }) else {
            throw GatewayError(.upstream(status: 502), "The provider returned no embedding.")
        }
        self.init(embedding: try GeminiContentEmbedding(openAI: first))
    }
}
