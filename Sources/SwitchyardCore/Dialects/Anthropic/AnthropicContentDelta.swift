/// The `delta` of a `content_block_delta` stream event, a union discriminated by `type`.
public enum AnthropicContentDelta: Sendable, Hashable {
    /// `text_delta`: text to append to a text block.
    case text(String)
    /// `input_json_delta`: a piece of a tool_use block's `input` JSON (not valid JSON alone).
    case inputJSON(String)
    /// `thinking_delta`: text to append to a thinking block.
    case thinking(String)
    /// `signature_delta`: the thinking block's signature, sent just before it stops.
    case signature(String)
    /// `citations_delta`: one citation (the `citation` member) for the text block.
    case citations(JSONValue)
    /// A delta of a type this gateway does not model, kept whole.
    case other(JSONValue)

    /// The wire `type` of the delta.
    public var type: String {
        switch self {
        case .text: "text_delta"
        case .inputJSON: "input_json_delta"
        case .thinking: "thinking_delta"
        case .signature: "signature_delta"
        case .citations: "citations_delta"
        case .other(let value): value["type"]?.stringValue ?? ""
        }
    }
}

extension AnthropicContentDelta: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case text
        case partialJSON = "partial_json"
        case thinking
        case signature
        case citation
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text_delta": self = .text(try container.decode(String.self, forKey: .text))
        case "input_json_delta": self = .inputJSON(try container.decode(String.self, forKey: .partialJSON))
        case "thinking_delta": self = .thinking(try container.decode(String.self, forKey: .thinking))
        case "signature_delta": self = .signature(try container.decode(String.self, forKey: .signature))
        case "citations_delta": self = .citations(try container.decode(JSONValue.self, forKey: .citation))
        default: self = .other(try JSONValue(from: decoder))
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
        case .text(let text): try container.encode(text, forKey: .text)
        case .inputJSON(let json): try container.encode(json, forKey: .partialJSON)
        case .thinking(let thinking): try container.encode(thinking, forKey: .thinking)
        case .signature(let signature): try container.encode(signature, forKey: .signature)
        case .citations(let citation): try container.encode(citation, forKey: .citation)
        case .other: break
        }
    }
}
