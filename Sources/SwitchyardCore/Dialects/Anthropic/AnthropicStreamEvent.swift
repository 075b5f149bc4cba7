/// One server-sent event of a streamed Messages response, discriminated by its `type`.
///
/// A stream runs `message_start`, then for each content block `content_block_start`, one or
/// more `content_block_delta` and `content_block_stop`, then `message_delta` (stop reason and
/// cumulative usage) and `message_stop`. `ping` may appear anywhere; `error` ends a stream that
/// failed after it began. Events of a type not listed here decode as `.other`, as Anthropic's
/// versioning policy asks clients to tolerate.
public enum AnthropicStreamEvent: Sendable, Hashable {
    /// A message with empty `content` and a null `stop_reason`.
    case messageStart(AnthropicMessagesResponse)
    /// A block begins at `index` of the final content array (text "", tool input {}…).
    case contentBlockStart(index: Int, block: AnthropicContentBlock)
    case ping
    case contentBlockDelta(index: Int, delta: AnthropicContentDelta)
    case contentBlockStop(index: Int)
    case messageDelta(AnthropicMessageDelta)
    case messageStop
    case error(AnthropicErrorBody.Detail)
    case other(JSONValue)

    /// The event's `type`, which is also its SSE `event:` name.
    public var type: String {
        switch self {
        case .messageStart: "message_start"
        case .contentBlockStart: "content_block_start"
        case .ping: "ping"
        case .contentBlockDelta: "content_block_delta"
        case .contentBlockStop: "content_block_stop"
        case .messageDelta: "message_delta"
        case .messageStop: "message_stop"
        case .error: "error"
        case .other(let value): value["type"]?.stringValue ?? ""
        }
    }
}

extension AnthropicStreamEvent: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case message
        case index
        case contentBlock = "content_block"
        case delta
        case error
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "message_start":
            self = .messageStart(try container.decode(AnthropicMessagesResponse.self, forKey: .message))
        case "content_block_start":
            self = .contentBlockStart(
                index: try container.decode(Int.self, forKey: .index),
                block: try container.decode(AnthropicContentBlock.self, forKey: .contentBlock)
            )
        case "ping":
            self = .ping
        case "content_block_delta":
            self = .contentBlockDelta(
                index: try container.decode(Int.self, forKey: .index),
                delta: try container.decode(AnthropicContentDelta.self, forKey: .delta)
            )
        case "content_block_stop":
            self = .contentBlockStop(index: try container.decode(Int.self, forKey: .index))
        case "message_delta":
            self = .messageDelta(try AnthropicMessageDelta(from: decoder))
        case "message_stop":
            self = .messageStop
        case "error":
            self = .error(try container.decode(AnthropicErrorBody.Detail.self, forKey: .error))
        default:
            self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        if case .other(let value) = self {
            try value.encode(to: encoder)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .messageStart(let message):
            try container.encode(message, forKey: .message)
        case .contentBlockStart(let index, let block):
            try container.encode(index, forKey: .index)
            try container.encode(block, forKey: .contentBlock)
        case .contentBlockDelta(let index, let delta):
            try container.encode(index, forKey: .index)
            try container.encode(delta, forKey: .delta)
        case .contentBlockStop(let index):
            try container.encode(index, forKey: .index)
        case .messageDelta(let delta):
            try delta.encode(to: encoder)
        case .error(let detail):
            try container.encode(detail, forKey: .error)
        case .ping, .messageStop, .other:
            break
        }
    }
}
