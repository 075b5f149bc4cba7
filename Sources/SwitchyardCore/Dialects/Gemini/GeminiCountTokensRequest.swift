/// The body of `POST /v1beta/models/{model}:countTokens`: either bare `contents`, or a whole
/// `generateContentRequest` (which also counts the system instruction and tools).
public struct GeminiCountTokensRequest: Sendable, Hashable {
    public var contents: [GeminiContent]?
    public var generateContentRequest: GeminiGenerateContentRequest?
    public var extra: [String: JSONValue]

    public init(
        contents: [GeminiContent]? = nil,
        generateContentRequest: GeminiGenerateContentRequest? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.contents = contents
        self.generateContentRequest = generateContentRequest
        self.extra = extra
    }
}

extension GeminiCountTokensRequest: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        contents = try reader.optional([GeminiContent].self, "contents")
        generateContentRequest = try reader.optional(GeminiGenerateContentRequest.self, "generateContentRequest")
        extra = try reader.extra(known: ["contents", "generateContentRequest"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(contents, "contents")
        try writer.put(generateContentRequest, "generateContentRequest")
        try encoder.encodeExtraFields(extra)
    }
}
