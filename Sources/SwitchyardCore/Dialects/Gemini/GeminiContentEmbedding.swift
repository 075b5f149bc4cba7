/// One embedding vector (`ContentEmbedding`): `{"values": [...]}`.
public struct GeminiContentEmbedding: Sendable, Hashable {
    public var values: [Float]
    public var extra: [String: JSONValue]

    public init(values: [Float], extra: [String: JSONValue] = [:]) {
        self.values = values
        self.extra = extra
    }
}

extension GeminiContentEmbedding: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        values = try reader.optional([Float].self, "values") ?? []
        extra = try reader.extra(known: ["values"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(values, "values")
        try encoder.encodeExtraFields(extra)
    }
}
