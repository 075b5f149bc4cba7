/// The `content` of an Anthropic message: a plain string or an array of content blocks.
///
/// The shape it arrived in is the shape it is written back in.
public enum AnthropicMessageContent: Sendable, Hashable {
    case text(String)
    case blocks([AnthropicContentBlock])

    /// The content as blocks: a string becomes one text block.
    public var blocks: [AnthropicContentBlock] {
        switch self {
        case .text(let text): [.text(text)]
        case .blocks(let blocks): blocks
        }
    }
}

extension AnthropicMessageContent: Codable {
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

extension AnthropicMessageContent: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}
