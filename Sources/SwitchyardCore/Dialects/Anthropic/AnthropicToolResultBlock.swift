/// A `tool_result` content block, sent in a user message to answer a `tool_use` block.
public struct AnthropicToolResultBlock: Sendable, Hashable {
    public var toolUseID: String
    /// A string, or text/image/document blocks; absent for a result with no output.
    public var content: AnthropicToolResultContent?
    public var isError: Bool?
    /// Unknown members, `cache_control` among them.
    public var extra: [String: JSONValue]

    public init(
        toolUseID: String,
        content: AnthropicToolResultContent? = nil,
        isError: Bool? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.toolUseID = toolUseID
        self.content = content
        self.isError = isError
        self.extra = extra
    }
}

/// The `content` of a tool result: a plain string or an array of content blocks.
public enum AnthropicToolResultContent: Sendable, Hashable {
    case text(String)
    case blocks([AnthropicContentBlock])
}

extension AnthropicToolResultBlock: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case toolUseID = "tool_use_id"
        case content
        case isError = "is_error"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        toolUseID = try container.decode(String.self, forKey: .toolUseID)
        content = try container.decodeIfPresent(AnthropicToolResultContent.self, forKey: .content)
        isError = try container.decodeIfPresent(Bool.self, forKey: .isError)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue) + ["type"]))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(toolUseID, forKey: .toolUseID)
        try container.encodeIfPresent(content, forKey: .content)
        try container.encodeIfPresent(isError, forKey: .isError)
        try encoder.encodeExtraFields(extra)
    }
}

extension AnthropicToolResultContent: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .blocks(try container.decode([AnthropicContentBlock].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .blocks(let blocks): try container.encode(blocks)
        }
    }
}
