/// One choice's part of a stream chunk.
///
/// `finish_reason` and `logprobs` are always written, as `null` until the choice ends,
/// as OpenAI does and as clients expect.
public struct ChunkChoice: Sendable, Hashable {
    public var index: Int
    public var delta: ChatDelta
    public var finishReason: FinishReason?
    public var logprobs: JSONValue?
    public var extra: [String: JSONValue]

    public init(
        index: Int,
        delta: ChatDelta,
        finishReason: FinishReason? = nil,
        logprobs: JSONValue? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.index = index
        self.delta = delta
        self.finishReason = finishReason
        self.logprobs = logprobs
        self.extra = extra
    }
}

extension ChunkChoice: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case index
        case delta
        case finishReason = "finish_reason"
        case logprobs
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
        delta = try container.decodeIfPresent(ChatDelta.self, forKey: .delta) ?? ChatDelta()
        finishReason = try container.decodeIfPresent(FinishReason.self, forKey: .finishReason)
        logprobs = try container.decodeIfPresent(JSONValue.self, forKey: .logprobs)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(delta, forKey: .delta)
        try container.encode(finishReason, forKey: .finishReason)
        try container.encode(logprobs ?? .null, forKey: .logprobs)
        try encoder.encodeExtraFields(extra)
    }
}
