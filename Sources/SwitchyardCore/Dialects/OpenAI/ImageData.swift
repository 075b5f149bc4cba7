/// One picture of an images answer: its bytes as base64 or a URL, as `response_format` asked.
public struct ImageData: Sendable, Hashable {
    public var b64JSON: String?
    public var url: String?
    /// The prompt the model actually used, where it rewrote the client's (DALL·E 3).
    public var revisedPrompt: String?
    public var extra: [String: JSONValue]

    public init(b64JSON: String? = nil, url: String? = nil, revisedPrompt: String? = nil, extra: [String: JSONValue] = [:]) {
        self.b64JSON = b64JSON
        self.url = url
        self.revisedPrompt = revisedPrompt
        self.extra = extra
    }
}

extension ImageData: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case b64JSON = "b64_json"
        case url
        case revisedPrompt = "revised_prompt"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        b64JSON = try container.decodeIfPresent(String.self, forKey: .b64JSON)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        revisedPrompt = try container.decodeIfPresent(String.self, forKey: .revisedPrompt)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(b64JSON, forKey: .b64JSON)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(revisedPrompt, forKey: .revisedPrompt)
        try encoder.encodeExtraFields(extra)
    }
}
