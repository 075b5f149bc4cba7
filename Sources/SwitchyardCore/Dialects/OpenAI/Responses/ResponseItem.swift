/// One item of a Responses conversation: in a request's `input`, a response's `output`, or the
/// stored history a `previous_response_id` refers to. A union discriminated by `type`.
///
/// A message may come without `type` when it has `role`. Every item type this gateway does not
/// translate (built-in tool calls, `item_reference`, MCP items…) is kept whole in `.other`.
public enum ResponseItem: Sendable, Hashable {
    case message(ResponseMessage)
    case functionCall(ResponseFunctionCall)
    case functionCallOutput(ResponseFunctionCallOutput)
    case reasoning(ResponseReasoningItem)
    case other(JSONValue)

    /// The wire `type` of the item.
    public var type: String {
        switch self {
        case .message: "message"
        case .functionCall: "function_call"
        case .functionCallOutput: "function_call_output"
        case .reasoning: "reasoning"
        case .other(let value): value["type"]?.stringValue ?? ""
        }
    }

    /// The item's `id`, where it has one.
    public var id: String? {
        switch self {
        case .message(let message): message.id
        case .functionCall(let call): call.id
        case .functionCallOutput(let output): output.id
        case .reasoning(let reasoning): reasoning.id
        case .other(let value): value["id"]?.stringValue
        }
    }
}

extension ResponseItem: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case role
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decodeIfPresent(String.self, forKey: .type)
        switch type {
        case "message":
            self = .message(try ResponseMessage(from: decoder))
        case nil where container.contains(.role):
            self = .message(try ResponseMessage(from: decoder))
        case "function_call":
            self = .functionCall(try ResponseFunctionCall(from: decoder))
        case "function_call_output":
            self = .functionCallOutput(try ResponseFunctionCallOutput(from: decoder))
        case "reasoning":
            self = .reasoning(try ResponseReasoningItem(from: decoder))
        default:
            self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .message(let message): try message.encode(to: encoder)
        case .functionCall(let call): try call.encode(to: encoder)
        case .functionCallOutput(let output): try output.encode(to: encoder)
        case .reasoning(let reasoning): try reasoning.encode(to: encoder)
        case .other(let value): try value.encode(to: encoder)
        }
    }
}
