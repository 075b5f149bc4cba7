/// One block of an Anthropic message's `content`, a union discriminated by `type`.
///
/// Each modelled case keeps its unknown members (`cache_control`, `citations`, `caller`…) in
/// the payload's `extra`. Documents and blocks of any other type (`server_tool_use`,
/// `web_search_tool_result`, `search_result`…) are kept whole and written back unchanged.
public enum AnthropicContentBlock: Sendable, Hashable {
    case text(AnthropicTextBlock)
    case image(AnthropicImageBlock)
    /// A `document` block (PDF, plain text, content or URL source), kept whole.
    case document(JSONValue)
    case toolUse(AnthropicToolUseBlock)
    case toolResult(AnthropicToolResultBlock)
    case thinking(AnthropicThinkingBlock)
    case redactedThinking(AnthropicRedactedThinkingBlock)
    /// A block of a type this gateway does not model.
    case other(JSONValue)

    /// A text block with no extra members.
    public static func text(_ text: String) -> AnthropicContentBlock {
        .text(AnthropicTextBlock(text: text))
    }

    /// The wire `type` of the block.
    public var type: String {
        switch self {
        case .text: "text"
        case .image: "image"
        case .document: "document"
        case .toolUse: "tool_use"
        case .toolResult: "tool_result"
        case .thinking: "thinking"
        case .redactedThinking: "redacted_thinking"
        case .other(let value): value["type"]?.stringValue ?? ""
        }
    }

    /// The block's `cache_control` (`{"type": "ephemeral", "ttl"?}`), nil when it has none.
    public var cacheControl: JSONValue? {
        get {
            switch self {
            case .text(let block): block.extra["cache_control"]
            case .image(let block): block.extra["cache_control"]
            case .toolUse(let block): block.extra["cache_control"]
            case .toolResult(let block): block.extra["cache_control"]
            case .thinking(let block): block.extra["cache_control"]
            case .redactedThinking(let block): block.extra["cache_control"]
            case .document(let value), .other(let value): value["cache_control"]
            }
        }
        set {
            switch self {
            case .text(var block):
                block.extra["cache_control"] = newValue
                self = .text(block)
            case .image(var block):
                block.extra["cache_control"] = newValue
                self = .image(block)
            case .toolUse(var block):
                block.extra["cache_control"] = newValue
                self = .toolUse(block)
            case .toolResult(var block):
                block.extra["cache_control"] = newValue
                self = .toolResult(block)
            case .thinking(var block):
                block.extra["cache_control"] = newValue
                self = .thinking(block)
            case .redactedThinking(var block):
                block.extra["cache_control"] = newValue
                self = .redactedThinking(block)
            case .document(let value):
                self = .document(Self.setting(value, cacheControl: newValue))
            case .other(let value):
                self = .other(Self.setting(value, cacheControl: newValue))
            }
        }
    }

    private static func setting(_ value: JSONValue, cacheControl: JSONValue?) -> JSONValue {
        guard var object = value.objectValue else { return value }
        object["cache_control"] = cacheControl
        return .object(object)
    }
}

extension AnthropicContentBlock: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text": self = .text(try AnthropicTextBlock(from: decoder))
        case "image": self = .image(try AnthropicImageBlock(from: decoder))
        case "document": self = .document(try JSONValue(from: decoder))
        case "tool_use": self = .toolUse(try AnthropicToolUseBlock(from: decoder))
        case "tool_result": self = .toolResult(try AnthropicToolResultBlock(from: decoder))
        case "thinking": self = .thinking(try AnthropicThinkingBlock(from: decoder))
        case "redacted_thinking": self = .redactedThinking(try AnthropicRedactedThinkingBlock(from: decoder))
        default: self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .document(let value), .other(let value):
            try value.encode(to: encoder)
            return
        default:
            break
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .text(let block): try block.encode(to: encoder)
        case .image(let block): try block.encode(to: encoder)
        case .toolUse(let block): try block.encode(to: encoder)
        case .toolResult(let block): try block.encode(to: encoder)
        case .thinking(let block): try block.encode(to: encoder)
        case .redactedThinking(let block): try block.encode(to: encoder)
        case .document, .other: break
        }
    }
}
