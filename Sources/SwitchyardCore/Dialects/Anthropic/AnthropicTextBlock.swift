/// A `text` content block: `{"type": "text", "text", "citations"?, "cache_control"?}`.
public struct AnthropicTextBlock: Sendable, Hashable {
    public var text: String
    /// Citations supporting the text, carried without interpretation.
    public var citations: JSONValue?
    /// Unknown members, `cache_control` among them.
    public var extra: [String: JSONValue]

    public init(text: String, citations: JSONValue? = nil, extra: [String: JSONValue] = [:]) {
        self.text = text
        self.citations = citations
        self.extra = extra
    }
}

extension AnthropicTextBlock: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case text
        case citations
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        citations = try container.decodeIfPresent(JSONValue.self, forKey: .citations)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue) + ["type"]))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(citations, forKey: .citations)
        try encoder.encodeExtraFields(extra)
    }
}
