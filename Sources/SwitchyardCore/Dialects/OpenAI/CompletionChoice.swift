/// One answer of a legacy text completion, streamed or not.
///
/// `finish_reason` and `logprobs` are always written, as `null` when absent, as OpenAI does.
public struct CompletionChoice: Sendable, Hashable {
    public var text: String
    public var index: Int
    public var logprobs: JSONValue?
    public var finishReason: FinishReason?
    public var extra: [String: JSONValue]

    public init(
        text: String,
        index: Int,
        logprobs: JSONValue? = nil,
        finishReason: FinishReason? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.text = text
        self.index = index
        self.logprobs = logprobs
        self.finishReason = finishReason
        self.extra = extra
    }
}

extension CompletionChoice: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case text
        case index
        case logprobs
        case finishReason = "finish_reason"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
        logprobs = try container.decodeIfPresent(JSONValue.self, forKey: .logprobs)
        finishReason = try container.decodeIfPresent(FinishReason.self, forKey: .finishReason)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(index, forKey: .index)
        try container.encode(logprobs ?? .null, forKey: .logprobs)
        try container.encode(finishReason, forKey: .finishReason)
        try encoder.encodeExtraFields(extra)
    }
}
