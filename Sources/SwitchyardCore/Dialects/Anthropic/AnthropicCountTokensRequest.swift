/// The body of `POST /v1/messages/count_tokens`: a Messages request without generation options.
public struct AnthropicCountTokensRequest: Sendable, Hashable {
    public var model: String
    public var messages: [AnthropicMessage]
    public var system: AnthropicSystemPrompt?
    public var tools: [AnthropicTool]?
    public var toolChoice: AnthropicToolChoice?
    public var thinking: AnthropicThinkingConfig?
    public var extra: [String: JSONValue]

    public init(
        model: String,
        messages: [AnthropicMessage],
        system: AnthropicSystemPrompt? = nil,
        tools: [AnthropicTool]? = nil,
        toolChoice: AnthropicToolChoice? = nil,
        thinking: AnthropicThinkingConfig? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.messages = messages
        self.system = system
        self.tools = tools
        self.toolChoice = toolChoice
        self.thinking = thinking
        self.extra = extra
    }

    /// The count-tokens request for what `request` would send (its generation options dropped).
    public init(_ request: AnthropicMessagesRequest) {
        self.init(
            model: request.model,
            messages: request.messages,
            system: request.system,
            tools: request.tools,
            toolChoice: request.toolChoice,
            thinking: request.thinking
        )
    }
}

extension AnthropicCountTokensRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case messages
        case system
        case tools
        case toolChoice = "tool_choice"
        case thinking
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        messages = try container.decode([AnthropicMessage].self, forKey: .messages)
        system = try container.decodeIfPresent(AnthropicSystemPrompt.self, forKey: .system)
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
        try container.encodeIfPresent(tools, forKey: .tools)
        try container.encodeIfPresent(toolChoice, forKey: .toolChoice)
        try container.encodeIfPresent(thinking, forKey: .thinking)
        try encoder.encodeExtraFields(extra)
    }
}
