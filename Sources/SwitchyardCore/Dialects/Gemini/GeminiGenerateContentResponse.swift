/// The body of a `generateContent` response, and of each `data:` event of
/// `streamGenerateContent?alt=sse` (a stream has no terminator: it simply ends).
///
/// In a stream each chunk carries only the new parts; the last chunk of a candidate carries its
/// `finishReason`, and `usageMetadata` (present on most chunks) is final on the last one.
public struct GeminiGenerateContentResponse: Sendable, Hashable {
    public var candidates: [GeminiCandidate]?
    public var promptFeedback: GeminiPromptFeedback?
    public var usageMetadata: GeminiUsageMetadata?
    public var modelVersion: String?
    public var responseId: String?
    public var extra: [String: JSONValue]

    public init(
        candidates: [GeminiCandidate]? = nil,
        promptFeedback: GeminiPromptFeedback? = nil,
        usageMetadata: GeminiUsageMetadata? = nil,
        modelVersion: String? = nil,
        responseId: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.candidates = candidates
        self.promptFeedback = promptFeedback
        self.usageMetadata = usageMetadata
        self.modelVersion = modelVersion
        self.responseId = responseId
        self.extra = extra
    }
}

extension GeminiGenerateContentResponse: Codable {
    private static let known = ["candidates", "promptFeedback", "usageMetadata", "modelVersion", "responseId"]

    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        candidates = try reader.optional([GeminiCandidate].self, "candidates")
        promptFeedback = try reader.optional(GeminiPromptFeedback.self, "promptFeedback")
        usageMetadata = try reader.optional(GeminiUsageMetadata.self, "usageMetadata")
        modelVersion = try reader.optional(String.self, "modelVersion")
        responseId = try reader.optional(String.self, "responseId")
        extra = try reader.extra(known: Self.known)
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(candidates, "candidates")
        try writer.put(promptFeedback, "promptFeedback")
        try writer.put(usageMetadata, "usageMetadata")
        try writer.put(modelVersion, "modelVersion")
        try writer.put(responseId, "responseId")
        try encoder.encodeExtraFields(extra)
    }
}
