/// One piece of a tool result: `{"text": …}`, `{"json": …}`, or another kind kept whole.
public enum BedrockToolResultContent: Sendable, Hashable {
    case text(String)
    case json(JSONValue)
    case other(JSONValue)
}

extension BedrockToolResultContent: Codable {
    private enum CodingKeys: String, CodingKey { case text, json }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(text)
        } else if container.contains(.json) {
            self = .json(try container.decode(JSONValue.self, forKey: .json))
        } else {
            self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text): try container.encode(text, forKey: .text)
        case .json(let value): try container.encode(value, forKey: .json)
        case .other(let value): try value.encode(to: encoder)
        }
    }
}
