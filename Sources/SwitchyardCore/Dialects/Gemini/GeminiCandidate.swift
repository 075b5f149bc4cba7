/// One answer of a response (`Candidate`).
///
/// `content` is absent when the candidate was blocked. `citationMetadata`, `groundingMetadata`,
/// `avgLogprobs`, `logprobsResult`, `tokenCount`… stay in `extra`.
public struct GeminiCandidate: Sendable, Hashable {
    public var content: GeminiContent?
    /// Absent on stream chunks before the last one of the candidate.
    public var finishReason: GeminiFinishReason?
    public var index: Int?
    /// `[{category, probability, blocked}]`; carried without interpretation.
    public var safetyRatings: [JSONValue]?
    /// Why the model stopped, in words (set with some finish reasons).
    public var finishMessage: String?
    public var extra: [String: JSONValue]

    public init(
        content: GeminiContent? = nil,
        finishReason: GeminiFinishReason? = nil,
        index: Int? = nil,
        safetyRatings: [JSONValue]? = nil,
        finishMessage: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.content = content
        self.finishReason = finishReason
        self.index = index
        self.safetyRatings = safetyRatings
        self.finishMessage = finishMessage
        self.extra = extra
    }
}

extension GeminiCandidate: Codable {
    private static let known = ["content", "finishReason", "index", "safetyRatings", "finishMessage"]

    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        content = try reader.optional(GeminiContent.self, "content")
        finishReason = try reader.optional(GeminiFinishReason.self, "finishReason")
        index = try reader.optional(Int.self, "index")
        safetyRatings = try reader.optional([JSONValue].self, "safetyRatings")
        finishMessage = try reader.optional(String.self, "finishMessage")
        extra = try reader.extra(known: Self.known)
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(content, "content")
        try writer.put(finishReason, "finishReason")
        try writer.put(index, "index")
        try writer.put(safetyRatings, "safetyRatings")
        try writer.put(finishMessage, "finishMessage")
        try encoder.encodeExtraFields(extra)
    }
}
