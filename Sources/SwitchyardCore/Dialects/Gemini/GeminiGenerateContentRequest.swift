/// The body of `POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent`.
///
/// The model is named in the URL path, not the body. Members are read in camelCase or
/// snake_case (the API accepts both) and written in camelCase; `cachedContent`, `labels` and
/// anything else unmodelled stay in `extra`.
public struct GeminiGenerateContentRequest: Sendable, Hashable {
    public var contents: [GeminiContent]
    public var systemInstruction: GeminiContent?
    public var tools: [GeminiTool]?
    public var toolConfig: GeminiToolConfig?
    public var generationConfig: GeminiGenerationConfig?
    /// `[{category, threshold}]`; carried without interpretation.
    public var safetySettings: [JSONValue]?
    public var extra: [String: JSONValue]

    public init(
        contents: [GeminiContent],
        systemInstruction: GeminiContent? = nil,
        tools: [GeminiTool]? = nil,
        toolConfig: GeminiToolConfig? = nil,
        generationConfig: GeminiGenerationConfig? = nil,
        safetySettings: [JSONValue]? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.contents = contents
        self.systemInstruction = systemInstruction
        self.tools = tools
        self.toolConfig = toolConfig
        self.generationConfig = generationConfig
        self.safetySettings = safetySettings
        self.extra = extra
    }
}

extension GeminiGenerateContentRequest: Codable {
    private static let known = [
        "contents", "systemInstruction", "tools", "toolConfig", "generationConfig", "safetySettings",
    ]

    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        contents = try reader.optional([GeminiContent].self, "contents") ?? []
        systemInstruction = try reader.optional(GeminiContent.self, "systemInstruction")
        tools = try reader.optional([GeminiTool].self, "tools")
        toolConfig = try reader.optional(GeminiToolConfig.self, "toolConfig")
        generationConfig = try reader.optional(GeminiGenerationConfig.self, "generationConfig")
        safetySettings = try reader.optional([JSONValue].self, "safetySettings")
        extra = try reader.extra(known: Self.known)
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(contents, "contents")
        try writer.put(systemInstruction, "systemInstruction")
        try writer.put(tools, "tools")
        try writer.put(toolConfig, "toolConfig")
        try writer.put(generationConfig, "generationConfig")
        try writer.put(safetySettings, "safetySettings")
        try encoder.encodeExtraFields(extra)
    }
}
