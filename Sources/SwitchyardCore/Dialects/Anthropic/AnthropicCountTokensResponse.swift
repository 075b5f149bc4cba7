/// The answer of `POST /v1/messages/count_tokens`: `{"input_tokens": N}`.
public struct AnthropicCountTokensResponse: Sendable, Hashable {
    /// Tokens across the messages, system prompt and tools.
    public var inputTokens: Int
    public var extra: [String: JSONValue]

    public init(inputTokens: Int, extra: [String: JSONValue] = [:]) {
        self.inputTokens = inputTokens
        self.extra = extra
    }
}

extension AnthropicCountTokensResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case inputTokens = "input_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputTokens = try container.decode(Int.self, forKey: .inputTokens)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputTokens, forKey: .inputTokens)
        try encoder.encodeExtraFields(extra)
    }
}
