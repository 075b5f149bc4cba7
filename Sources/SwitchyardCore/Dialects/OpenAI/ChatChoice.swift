/// One answer of a non-streamed chat completion.
///
/// `finish_reason` and `logprobs` are always written, as `null` when absent, as OpenAI does.
public struct ChatChoice: Sendable, Hashable {
    public var index: Int
    public var message: ChatMessage
    public var finishReason: FinishReason?
    public var logprobs: JSONValue?
    public var extra: [String: JSONValue]

    public init(
        index: Int,
        message: ChatMessage,
        finishReason: FinishReason?,
        logprobs: JSONValue? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.index = index
        self.message = message
        self.finishReason = finishReason
        self.logprobs = logprobs
        self.extra = extra
    }
}

extension ChatChoice: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case index
        case message
        case finishReason = "finish_reason"
        case logprobs
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
        message = try container.decode(ChatMessage.self, forKey: .message)
        finishReason = try container.decodeIfPresent(FinishReason.self, forKey: .finishReason)
        logprobs = try container.decodeIfPresent(JSONValue.self, forKey: .logprobs)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(message, forKey: .message)
        try container.encode(finishReason, forKey: .finishReason)
        try container.encode(logprobs ?? .null, forKey: .logprobs)
        try encoder.encodeExtraFields(extra)
    }
}
