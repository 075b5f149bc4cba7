/// The body of an embeddings response (`"object": "list"`).
public struct EmbeddingResponse: Sendable, Hashable {
    public var object: String
    public var data: [Embedding]
    public var model: String
    public var usage: EmbeddingUsage?
    public var extra: [String: JSONValue]

    public init(
        object: String = "list",
        data: [Embedding],
        model: String,
        usage: EmbeddingUsage? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.object = object
        self.data = data
        self.model = model
        self.usage = usage
        self.extra = extra
    }
}

extension EmbeddingResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case object
        case data
        case model
        case usage
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        object = try container.decodeIfPresent(String.self, forKey: .object) ?? "list"
        data = try container.decode([Embedding].self, forKey: .data)
        model = try container.decode(String.self, forKey: .model)
        usage = try container.decodeIfPresent(EmbeddingUsage.self, forKey: .usage)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(data, forKey: .data)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(usage, forKey: .usage)
        try encoder.encodeExtraFields(extra)
    }
}
