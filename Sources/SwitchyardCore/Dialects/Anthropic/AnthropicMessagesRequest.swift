/// The body of Anthropic's `POST /v1/messages`.
///
/// The members the gateway translates are typed; anything else (`service_tier`, `container`,
/// `mcp_servers`, `output_config`…) is kept in `extra` and written back. Absent optional
/// fields are omitted when encoding.
public struct AnthropicMessagesRequest: Sendable, Hashable {
    public var model: String
    public var messages: [AnthropicMessage]
    public var system: AnthropicSystemPrompt?
    /// Required by the API: the most tokens to generate.
    public var maxTokens: Int
    public var metadata: AnthropicMetadata?
    public var stopSequences: [String]?
    public var stream: Bool?
    /// 0…1 (OpenAI's range is 0…2).
    public var temperature: Double?
    public var topP: Double?
    public var topK: Int?
    public var tools: [AnthropicTool]?
    public var toolChoice: AnthropicToolChoice?
    public var thinking: AnthropicThinkingConfig?
    public var extra: [String: JSONValue]

    public init(
        model: String,
        messages: [AnthropicMessage],
        system: AnthropicSystemPrompt? = nil,
        maxTokens: Int,
        metadata: AnthropicMetadata? = nil,
        stopSequences: [String]? = nil,
        stream: Bool? = nil,
        temperature: Double? = nil,
        topP: Double? = nil,
        topK: Int? = nil,
        tools: [AnthropicTool]? = nil,
        toolChoice: AnthropicToolChoice? = nil,
        thinking: AnthropicThinkingConfig? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.messages = messages
        self.system = system
        self.maxTokens = maxTokens
        self.metadata = metadata
        self.stopSequences = stopSequences
        self.stream = stream
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.tools = tools
        self.toolChoice = toolChoice
        self.thinking = thinking
        self.extra = extra
    }
}

extension AnthropicMessagesRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case messages
        case system
        case maxTokens = "max_tokens"
        case metadata
        case stopSequences = "stop_sequences"
        case stream
        case temperature
        case topP = "top_p"
        case topK = "top_k"
        case tools
        case toolChoice = "tool_choice"
        case thinking
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        messages = try container.decode([AnthropicMessage].self, forKey: .messages)
        system = try container.decodeIfPresent(AnthropicSystemPrompt.self, forKey: .system)
        maxTokens = try container.decode(Int.self, forKey: .maxTokens)
        metadata = try container.decodeIfPresent(AnthropicMetadata.self, forKey: .metadata)
        stopSequences = try container.decodeIfPresent([String].self, forKey: .stopSequences)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream)
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        topP = try container.decodeIfPresent(Double.self, forKey: .topP)
        topK = try container.decodeIfPresent(Int.self, forKey: .topK)
        tools = try container.decodeIfPresent([AnthropicTool].self, forKey: .tools)
        toolChoice = try container.decodeIfPresent(AnthropicToolChoice.self, forKey: .toolChoice)
        thinking = try container.decodeIfPresent(AnthropicThinkingConfig.self, forKey: .thinking)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(system, forKey: .system)
        try container.encode(messages, forKey: .messages)
        try container.encode(maxTokens, forKey: .maxTokens)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(stopSequences, forKey: .stopSequences)
        try container.encodeIfPresent(stream, forKey: .stream)
        try container.encodeIfPresent(temperature, forKey: .temperature)
        try container.encodeIfPresent(topP, forKey: .topP)
        try container.encodeIfPresent(topK, forKey: .topK)
        try container.encodeIfPresent(tools, forKey: .tools)
        try container.encodeIfPresent(toolChoice, forKey: .toolChoice)
        try container.encodeIfPresent(thinking, forKey: .thinking)
        try encoder.encodeExtraFields(extra)
    }
}
