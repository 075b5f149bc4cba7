/// Token counts of a response (`usageMetadata`).
///
/// `totalTokenCount` is prompt + candidates + tool-use prompt + thoughts. The per-modality
/// breakdowns (`promptTokensDetails`, `candidatesTokensDetails`…) stay in `extra`.
public struct GeminiUsageMetadata: Sendable, Hashable {
    public var promptTokenCount: Int?
    public var candidatesTokenCount: Int?
    public var totalTokenCount: Int?
    /// Prompt tokens served from cached content (included in `promptTokenCount`).
    public var cachedContentTokenCount: Int?
    /// Tokens the model spent thinking (not included in `candidatesTokenCount`).
    public var thoughtsTokenCount: Int?
    /// Prompt tokens of results from server-side tools such as Google Search.
    public var toolUsePromptTokenCount: Int?
    public var extra: [String: JSONValue]

    public init(
        promptTokenCount: Int? = nil,
        candidatesTokenCount: Int? = nil,
        totalTokenCount: Int? = nil,
        cachedContentTokenCount: Int? = nil,
        thoughtsTokenCount: Int? = nil,
        toolUsePromptTokenCount: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.promptTokenCount = promptTokenCount
        self.candidatesTokenCount = candidatesTokenCount
        self.totalTokenCount = totalTokenCount
        self.cachedContentTokenCount = cachedContentTokenCount
        self.thoughtsTokenCount = thoughtsTokenCount
        self.toolUsePromptTokenCount = toolUsePromptTokenCount
        self.extra = extra
    }
}

extension GeminiUsageMetadata: Codable {
    private static let known = [
        "promptTokenCount", "candidatesTokenCount", "totalTokenCount", "cachedContentTokenCount",
        "thoughtsTokenCount", "toolUsePromptTokenCount",
    ]

    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        promptTokenCount = try reader.optional(Int.self, "promptTokenCount")
        candidatesTokenCount = try reader.optional(Int.self, "candidatesTokenCount")
        totalTokenCount = try reader.optional(Int.self, "totalTokenCount")
        cachedContentTokenCount = try reader.optional(Int.self, "cachedContentTokenCount")
        thoughtsTokenCount = try reader.optional(Int.self, "thoughtsTokenCount")
        toolUsePromptTokenCount = try reader.optional(Int.self, "toolUsePromptTokenCount")
        extra = try reader.extra(known: Self.known)
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(promptTokenCount, "promptTokenCount")
        try writer.put(candidatesTokenCount, "candidatesTokenCount")
        try writer.put(totalTokenCount, "totalTokenCount")
        try writer.put(cachedContentTokenCount, "cachedContentTokenCount")
        try writer.put(thoughtsTokenCount, "thoughtsTokenCount")
        try writer.put(toolUsePromptTokenCount, "toolUsePromptTokenCount")
        try encoder.encodeExtraFields(extra)
    }
}
