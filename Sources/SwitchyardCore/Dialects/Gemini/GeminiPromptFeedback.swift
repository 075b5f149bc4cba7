/// What the safety filters made of the prompt (`promptFeedback`).
///
/// A `blockReason` (`SAFETY`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `OTHER`…) means the prompt was
/// refused and the response has no candidates.
public struct GeminiPromptFeedback: Sendable, Hashable {
    public var blockReason: String?
    public var safetyRatings: [JSONValue]?
    public var extra: [String: JSONValue]

    public init(blockReason: String? = nil, safetyRatings: [JSONValue]? = nil, extra: [String: JSONValue] = [:]) {
        self.blockReason = blockReason
        self.safetyRatings = safetyRatings
        self.extra = extra
    }
}

extension GeminiPromptFeedback: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        blockReason = try reader.optional(String.self, "blockReason")
        safetyRatings = try reader.optional([JSONValue].self, "safetyRatings")
        extra = try reader.extra(known: ["blockReason", "safetyRatings"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(blockReason, "blockReason")
        try writer.put(safetyRatings, "safetyRatings")
        try encoder.encodeExtraFields(extra)
    }
}
