/// One message of a chat conversation, in a request's `messages` or a response's `choices`.
///
/// An assistant message with no content writes `"content": null`, as OpenAI does beside
/// `tool_calls`; every other absent field is omitted.
public struct ChatMessage: Sendable, Hashable {
    public var role: ChatRole
    public var content: ChatMessageContent?
    public var name: String?
    public var toolCalls: [ToolCall]?
    /// The id of the tool call a `tool` message answers.
    public var toolCallID: String?
    public var refusal: String?
    /// The reasoning text some providers (DeepSeek, vLLM, OpenRouter) return beside the answer.
    public var reasoningContent: String?
    /// Members this type does not model (`audio`, `annotations`, `function_call`…).
    public var extra: [String: JSONValue]

    public init(
        role: ChatRole,
        content: ChatMessageContent? = nil,
        name: String? = nil,
        toolCalls: [ToolCall]? = nil,
        toolCallID: String? = nil,
        refusal: String? = nil,
        reasoningContent: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.role = role
        self.content = content
        self.name = name
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.refusal = refusal
        self.reasoningContent = reasoningContent
        self.extra = extra
    }

    /// The message's text: its string content, or its text parts joined with a space; "" when none.
    public var text: String {
        content?.text ?? ""
    }
}

extension ChatMessage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case role
        case content
        case name
        case toolCalls = "tool_calls"
        case toolCallID = "tool_call_id"
        case refusal
        case reasoningContent = "reasoning_content"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(ChatRole.self, forKey: .role)
        content = try container.decodeIfPresent(ChatMessageContent.self, forKey: .content)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        toolCalls = try container.decodeIfPresent([ToolCall].self, forKey: .toolCalls)
        toolCallID = try container.decodeIfPresent(String.self, forKey: .toolCallID)
        refusal = try container.decodeIfPresent(String.self, forKey: .refusal)
        reasoningContent = try container.decodeIfPresent(String.self, forKey: .reasoningContent)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        if let content {
            try container.encode(content, forKey: .content)
        } else if role == .assistant {
            try container.encodeNil(forKey: .content)
        }
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(toolCalls, forKey: .toolCalls)
        try container.encodeIfPresent(toolCallID, forKey: .toolCallID)
        try container.encodeIfPresent(refusal, forKey: .refusal)
        try container.encodeIfPresent(reasoningContent, forKey: .reasoningContent)
        try encoder.encodeExtraFields(extra)
    }
}
