/// The body of `POST /v1beta/models/{model}:batchEmbedContents`: one embed request per input.
public struct GeminiBatchEmbedContentsRequest: Sendable, Hashable {
    public var requests: [GeminiEmbedContentRequest]
    public var extra: [String: JSONValue]

    public init(requests: [GeminiEmbedContentRequest], extra: [String: JSONValue] = [:]) {
        self.requests = requests
        self.extra = extra
    }
}

extension GeminiBatchEmbedContentsRequest: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        requests = try reader.optional([GeminiEmbedContentRequest].self, "requests") ?? []
        extra = try reader.extra(known: ["requests"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(requests, "requests")
        try encoder.encodeExtraFields(extra)
    }
}
