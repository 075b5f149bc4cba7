/// How much the model thinks and whether it returns thought summaries (`thinkingConfig`).
public struct GeminiThinkingConfig: Sendable, Hashable {
    /// Thinking tokens to spend: 0 turns thinking off, -1 lets the model decide.
    public var thinkingBudget: Int?
    /// Whether thought summaries come back as `thought: true` parts.
    public var includeThoughts: Bool?
    /// `MINIMAL`, `LOW`, `MEDIUM` or `HIGH` (Gemini 3 models), instead of a budget.
    public var thinkingLevel: String?
    public var extra: [String: JSONValue]

    public init(
        thinkingBudget: Int? = nil,
        includeThoughts: Bool? = nil,
        thinkingLevel: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.thinkingBudget = thinkingBudget
        self.includeThoughts = includeThoughts
        self.thinkingLevel = thinkingLevel
        self.extra = extra
    }
}

extension GeminiThinkingConfig: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        thinkingBudget = try reader.optional(Int.self, "thinkingBudget")
        includeThoughts = try reader.optional(Bool.self, "includeThoughts")
        thinkingLevel = try reader.optional(String.self, "thinkingLevel")
        extra = try reader.extra(known: ["thinkingBudget", "includeThoughts", "thinkingLevel"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(thinkingBudget, "thinkingBudget")
        try writer.put(includeThoughts, "includeThoughts")
        try writer.put(thinkingLevel, "thinkingLevel")
        try encoder.encodeExtraFields(extra)
    }
}
