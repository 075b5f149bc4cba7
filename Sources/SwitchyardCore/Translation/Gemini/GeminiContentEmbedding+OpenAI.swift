extension GeminiContentEmbedding {
    /// The vector of one OpenAI embedding; throws a 502 when it is unreadable base64.
    init(openAI embedding: Embedding) throws {
        guard let values = embedding.embedding.floatValues else {
            throw GatewayError(.upstream(status: 502), "The provider returned an unreadable embedding.")
        }
        self.init(values: values)
    }
}
