/// One vector of an embeddings response (`"object": "embedding"`).
public struct Embedding: Sendable, Hashable {
    public var object: String
    /// The position of the input item this vector embeds.
    public var index: Int
    public var embedding: EmbeddingVector
    public var extra: [String: JSONValue]

    public init(object: String = "embedding", index: Int, embedding: EmbeddingVector, extra: [String: JSONValue] = [:]) {
        self.object = object
        self.index = index
        self.embedding = embedding
        self.extra = extra
    }
}

extension Embedding: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case object
        case index
        case embedding
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        object = try container.decodeIfPresent(String.self, forKey: .object) ?? "embedding"
        index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
        embedding = try container.decode(EmbeddingVector.self, forKey: .embedding)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(index, forKey: .index)
        try container.encode(embedding, forKey: .embedding)
        try encoder.encodeExtraFields(extra)
    }
}
