/// `cache_params.similarity_threshold` and `semantic_cache_embedding_model`: after an exact
/// miss, the last user turn is embedded with a model group of the gateway's own and compared
/// with the turns of answers already stored for the same conversation and parameters.
public struct SemanticCacheSettings: Sendable, Equatable {
    /// The least cosine similarity that counts as a hit, in (0, 1].
    public var similarityThreshold: Double
    /// A model group of `model_list` that serves embeddings.
    public var embeddingModel: String
    /// How many vectors the in-process index keeps (the oldest go first).
    public var maxEntries: Int

    public init(similarityThreshold: Double, embeddingModel: String, maxEntries: Int = CacheSettings.defaultMaxEntries) {
        self.similarityThreshold = similarityThreshold
        self.embeddingModel = embeddingModel
        self.maxEntries = maxEntries
    }

    /// LiteLLM's default `embedding_model` for `redis-semantic`.
    public static let liteLLMDefaultEmbeddingModel = "text-embedding-ada-002"

    /// The operations whose answers can be found by meaning: text generation on every surface
    /// (not embeddings, whose input is the whole request).
    public static let operations: Set<String> = [
        "chat/completions", "completions", "messages", "generateContent", "streamGenerateContent", "responses",
    ]
}
