/// A `thinking` content block: Claude's reasoning and the signature that vouches for it.
///
/// A thinking block must go back to the API exactly as received, signature intact, when a
/// conversation continues after a tool call.
public struct AnthropicThinkingBlock: Sendable, Hashable {
    public var thinking: String
    /// Opaque; absent at the start of a streamed block, where it arrives as a `signature_delta`.
    public var signature: String?
    public var extra: [String: JSONValue]

    public init(thinking: String, signature: String? = nil, extra: [String: JSONValue] = [:]) {
        self.thinking = thinking
        self.signature = signature
        self.extra = extra
    }
}

extension AnthropicThinkingBlock: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case thinking
        case signature
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        thinking = try container.decodeIfPresent(String.self, forKey: .thinking) ?? ""
        signature = try container.decodeIfPresent(String.self, forKey: .signature)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue) + ["type"]))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(thinking, forKey: .thinking)
        try container.encodeIfPresent(signature, forKey: .signature)
        try encoder.encodeExtraFields(extra)
    }
}
