/// The body of a non-streamed Messages response (`"type": "message"`), and the `message` of a
/// stream's `message_start` event (with empty content and a null `stop_reason`).
///
/// `stop_reason` and `stop_sequence` are always written, as `null` when absent, as Anthropic does.
public struct AnthropicMessagesResponse: Sendable, Hashable {
    /// `msg_…`
    public var id: String
    /// Always `"message"`.
    public var type: String
    /// Always `.assistant`.
    public var role: AnthropicRole
    public var model: String
    public var content: [AnthropicContentBlock]
    /// Nil only in `message_start`.
    public var stopReason: AnthropicStopReason?
    /// Which of the request's stop sequences was generated, if one was.
    public var stopSequence: String?
    public var usage: AnthropicUsage
    /// Unknown members (`container`, `stop_details`…).
    public var extra: [String: JSONValue]

    public init(
        id: String,
        type: String = "message",
        role: AnthropicRole = .assistant,
        model: String,
        content: [AnthropicContentBlock],
        stopReason: AnthropicStopReason?,
        stopSequence: String? = nil,
        usage: AnthropicUsage,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.type = type
        self.role = role
        self.model = model
        self.content = content
        self.stopReason = stopReason
        self.stopSequence = stopSequence
        self.usage = usage
        self.extra = extra
    }
}

extension AnthropicMessagesResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case type
        case role
        case model
        case content
        case stopReason = "stop_reason"
        case stopSequence = "stop_sequence"
        case usage
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "message"
        role = try container.decodeIfPresent(AnthropicRole.self, forKey: .role) ?? .assistant
        model = try container.decodeIfPresent(String.self, forKey: .model) ?? ""
        content = try container.decodeIfPresent([AnthropicContentBlock].self, forKey: .content) ?? []
        stopReason = try container.decodeIfPresent(AnthropicStopReason.self, forKey: .stopReason)
        stopSequence = try container.decodeIfPresent(String.self, forKey: .stopSequence)
        usage = try container.decodeIfPresent(AnthropicUsage.self, forKey: .usage)
            ?? AnthropicUsage(inputTokens: 0, outputTokens: 0)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(role, forKey: .role)
        try container.encode(model, forKey: .model)
        try container.encode(content, forKey: .content)
        try container.encode(stopReason, forKey: .stopReason)
        try container.encode(stopSequence, forKey: .stopSequence)
        try container.encode(usage, forKey: .usage)
        try encoder.encodeExtraFields(extra)
    }
}
