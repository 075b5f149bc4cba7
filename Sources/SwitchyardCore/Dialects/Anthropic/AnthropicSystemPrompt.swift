/// The top-level `system` prompt: a string, or text blocks (which may carry `cache_control`).
public enum AnthropicSystemPrompt: Sendable, Hashable {
    case text(String)
    /// Text blocks; decoded as general content blocks so nothing a client sent is lost.
    case blocks([AnthropicContentBlock])

    /// The prompt as blocks: a string becomes one text block.
    public var blocks: [AnthropicContentBlock] {
        switch self {
        case .text(let text): [.text(text)]
        case .blocks(let blocks): blocks
        }
    }
}

extension AnthropicSystemPrompt: Codable {
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

extension AnthropicSystemPrompt: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}
