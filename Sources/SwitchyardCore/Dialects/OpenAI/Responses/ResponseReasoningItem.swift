/// A `reasoning` item: the model's thinking before it answered, as summary texts.
///
/// `summary` is always written (`[]` while a streamed item is open), as OpenAI does.
public struct ResponseReasoningItem: Sendable, Hashable {
    public var id: String?
    public var summary: [Summary]
    /// The raw reasoning (`reasoning_text` parts), carried without interpretation.
    public var content: JSONValue?
    /// OpenAI's encrypted reasoning, which only OpenAI can read back.
    public var encryptedContent: String?
    public var status: ResponseItemStatus?
    /// Members this type does not model.
    public var extra: [String: JSONValue]

    public init(
        id: String? = nil,
        summary: [Summary] = [],
        content: JSONValue? = nil,
        encryptedContent: String? = nil,
        status: ResponseItemStatus? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.summary = summary
        self.content = content
        self.encryptedContent = encryptedContent
        self.status = status
        self.extra = extra
    }

    /// The summary texts joined by blank lines, as one reasoning text.
    public var summaryText: String {
        summary.map(\.text).joined(separator: "\n\n")
    }

    /// One `{"type": "summary_text", "text": …}` entry of `summary`.
    public struct Summary: Sendable, Hashable {
        public var text: String
        public var extra: [String: JSONValue]

        public init(text: String, extra: [String: JSONValue] = [:]) {
            self.text = text
            self.extra = extra
        }
    }
}

extension ResponseReasoningItem: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case type
        case summary
        case content
        case encryptedContent = "encrypted_content"
        case status
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        summary = try container.decodeIfPresent([Summary].self, forKey: .summary) ?? []
        content = try container.decodeIfPresent(JSONValue.self, forKey: .content)
        encryptedContent = try container.decodeIfPresent(String.self, forKey: .encryptedContent)
        status = try container.decodeIfPresent(ResponseItemStatus.self, forKey: .status)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode("reasoning", forKey: .type)
        try container.encode(summary, forKey: .summary)
        try container.encodeIfPresent(content, forKey: .content)
        try container.encodeIfPresent(encryptedContent, forKey: .encryptedContent)
        try container.encodeIfPresent(status, forKey: .status)
        try encoder.encodeExtraFields(extra)
    }
}

extension ResponseReasoningItem.Summary: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case text
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("summary_text", forKey: .type)
        try container.encode(text, forKey: .text)
        try encoder.encodeExtraFields(extra)
    }
}
