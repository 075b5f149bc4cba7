/// The body of an `embedContent` response: `{"embedding": {"values": [...]}}`.
public struct GeminiEmbedContentResponse: Sendable, Hashable {
    public var embedding: GeminiContentEmbedding
    public var extra: [String: JSONValue]

    public init(embedding: GeminiContentEmbedding, extra: [String: JSONValue] = [:]) {
        self.embedding = embedding
        self.extra = extra
    }
}

extension GeminiEmbedContentResponse: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        embedding = try reader.required(GeminiContentEmbedding.self, "embedding")
        extra = try reader.extra(known: ["embedding"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(embedding, "embedding")
        try encoder.encodeExtraFields(extra)
    }
}
