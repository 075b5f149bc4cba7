/// Inline bytes of a part (`inlineData`): base64 `data` of the IANA type `mimeType`.
public struct GeminiBlob: Sendable, Hashable {
    public var mimeType: String
    /// Base64 of the bytes (standard alphabet, as Gemini sends and accepts it).
    public var data: String
    public var extra: [String: JSONValue]

    public init(mimeType: String, data: String, extra: [String: JSONValue] = [:]) {
        self.mimeType = mimeType
        self.data = data
        self.extra = extra
    }
}

extension GeminiBlob: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        mimeType = try reader.optional(String.self, "mimeType") ?? ""
        data = try reader.optional(String.self, "data") ?? ""
        extra = try reader.extra(known: ["mimeType", "data"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(mimeType, "mimeType")
        try writer.put(data, "data")
        try encoder.encodeExtraFields(extra)
    }
}
