/// A `redacted_thinking` content block: encrypted reasoning, passed back unchanged.
public struct AnthropicRedactedThinkingBlock: Sendable, Hashable {
    /// Opaque encrypted data.
    public var data: String
    public var extra: [String: JSONValue]

    public init(data: String, extra: [String: JSONValue] = [:]) {
        self.data = data
        self.extra = extra
    }
}

extension AnthropicRedactedThinkingBlock: Codable {
    private enum CodingKeys: String, CodingKey {
        case data
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decode(String.self, forKey: .data)
        extra = try decoder.extraFields(excluding: ["type", "data"])
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try encoder.encodeExtraFields(extra)
    }
}
