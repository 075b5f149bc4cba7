/// One turn of an Anthropic conversation (`messages[i]`): a role and its content.
public struct AnthropicMessage: Sendable, Hashable {
    public var role: AnthropicRole
    public var content: AnthropicMessageContent
    public var extra: [String: JSONValue]

    public init(role: AnthropicRole, content: AnthropicMessageContent, extra: [String: JSONValue] = [:]) {
        self.role = role
        self.content = content
        self.extra = extra
    }
}

extension AnthropicMessage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case role
        case content
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(AnthropicRole.self, forKey: .role)
        content = try container.decode(AnthropicMessageContent.self, forKey: .content)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
        try encoder.encodeExtraFields(extra)
    }
}
