/// What one stream chunk adds to a choice (`delta`).
///
/// A delta that carries `role` but no content writes `"content": null`, as OpenAI does in the
/// first chunk of a tool-call stream; otherwise absent fields are omitted, so the final chunk's
/// delta is `{}`.
public struct ChatDelta: Sendable, Hashable {
    public var role: ChatRole?
    public var content: String?
    public var toolCalls: [ToolCallDelta]?
    public var refusal: String?
    public var reasoningContent: String?
    public var extra: [String: JSONValue]

    public init(
        role: ChatRole? = nil,
        content: String? = nil,
        toolCalls: [ToolCallDelta]? = nil,
        refusal: String? = nil,
        reasoningContent: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.refusal = refusal
        self.reasoningContent = reasoningContent
        self.extra = extra
    }
}

extension ChatDelta: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case role
        case content
        case toolCalls = "tool_calls"
        case refusal
        case reasoningContent = "reasoning_content"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decodeIfPresent(ChatRole.self, forKey: .role)
        content = try container.decodeIfPresent(String.self, forKey: .content)
        toolCalls = try container.decodeIfPresent([ToolCallDelta].self, forKey: .toolCalls)
        refusal = try container.decodeIfPresent(String.self, forKey: .refusal)
        reasoningContent = try container.decodeIfPresent(String.self, forKey: .reasoningContent)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(role, forKey: .role)
        if let content {
            try container.encode(content, forKey: .content)
        } else if role != nil {
            try container.encodeNil(forKey: .content)
        }
        try container.encodeIfPresent(toolCalls, forKey: .toolCalls)
        try container.encodeIfPresent(refusal, forKey: .refusal)
        try container.encodeIfPresent(reasoningContent, forKey: .reasoningContent)
        try encoder.encodeExtraFields(extra)
    }
}
