extension ResponseContentPart {
    /// The members of an `output_text` part: the model's text and its citations.
    ///
    /// `annotations` is always written (`[]` when none): OpenAI's SDKs read it as required.
    public struct OutputText: Sendable, Hashable {
        public var text: String
        /// Citations (`url_citation`, `file_citation`…), carried without interpretation.
        public var annotations: [JSONValue]
        public var logprobs: [JSONValue]?
        /// Unknown members of the part.
        public var extra: [String: JSONValue]

        public init(text: String, annotations: [JSONValue] = [], logprobs: [JSONValue]? = nil, extra: [String: JSONValue] = [:]) {
            self.text = text
            self.annotations = annotations
            self.logprobs = logprobs
            self.extra = extra
        }
    }
}

extension ResponseContentPart.OutputText: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case text
        case annotations
        case logprobs
    }

    /// Reads the part's members; `type` belongs to the enclosing part.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        annotations = try container.decodeIfPresent([JSONValue].self, forKey: .annotations) ?? []
        logprobs = try container.decodeIfPresent([JSONValue].self, forKey: .logprobs)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue) + ["type"]))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(annotations, forKey: .annotations)
        try container.encodeIfPresent(logprobs, forKey: .logprobs)
        try encoder.encodeExtraFields(extra)
    }
}
