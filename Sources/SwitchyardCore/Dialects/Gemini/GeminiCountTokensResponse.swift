/// The body of a `countTokens` response.
///
/// `promptTokensDetails` and `cacheTokensDetails` (per-modality counts) stay in `extra`.
public struct GeminiCountTokensResponse: Sendable, Hashable {
    public var totalTokens: Int
    public var cachedContentTokenCount: Int?
    public var extra: [String: JSONValue]

    public init(totalTokens: Int, cachedContentTokenCount: Int? = nil, extra: [String: JSONValue] = [:]) {
        self.totalTokens = totalTokens
        self.cachedContentTokenCount = cachedContentTokenCount
        self.extra = extra
    }
}

extension GeminiCountTokensResponse: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        totalTokens = try reader.optional(Int.self, "totalTokens") ?? 0
        cachedContentTokenCount = try reader.optional(Int.self, "cachedContentTokenCount")
        extra = try reader.extra(known: ["totalTokens", "cachedContentTokenCount"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(totalTokens, "totalTokens")
        try writer.put(cachedContentTokenCount, "cachedContentTokenCount")
        try encoder.encodeExtraFields(extra)
    }
}
