/// The body of a `batchEmbedContents` response: the vectors in the order of the requests.
public struct GeminiBatchEmbedContentsResponse: Sendable, Hashable {
    public var embeddings: [GeminiContentEmbedding]
    public var extra: [String: JSONValue]

    public init(embeddings: [GeminiContentEmbedding], extra: [String: JSONValue] = [:]) {
        self.embeddings = embeddings
        self.extra = extra
    }
}

extension GeminiBatchEmbedContentsResponse: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        embeddings = try reader.optional([GeminiContentEmbedding].self, "embeddings") ?? []
        extra = try reader.extra(known: ["embeddings"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(embeddings, "embeddings")
        try encoder.encodeExtraFields(extra)
    }
}
