/// One block of the `system` prompt: `{"text": …}`, or another kind (`cachePoint`,
/// `guardContent`) kept whole.
public enum BedrockSystemBlock: Sendable, Hashable {
    case text(String)
    case other(JSONValue)
}

extension BedrockSystemBlock: Codable {
    private enum CodingKeys: String, CodingKey { case text }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(text)
        } else {
            self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .text(let text):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
        case .other(let value):
            try value.encode(to: encoder)
        }
    }
}
