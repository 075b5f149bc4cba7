/// One picture of an Imagen answer (`predictions[i]`), or why it was filtered.
public struct GeminiPrediction: Sendable, Hashable {
    /// Base64 of the picture's bytes.
    public var bytesBase64Encoded: String?
    public var mimeType: String?
    /// Why the safety filters removed the picture.
    public var raiFilteredReason: String?
    public var extra: [String: JSONValue]

    public init(
        bytesBase64Encoded: String? = nil,
        mimeType: String? = nil,
        raiFilteredReason: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.bytesBase64Encoded = bytesBase64Encoded
        self.mimeType = mimeType
        self.raiFilteredReason = raiFilteredReason
        self.extra = extra
    }
}

extension GeminiPrediction: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        bytesBase64Encoded = try reader.optional(String.self, "bytesBase64Encoded")
        mimeType = try reader.optional(String.self, "mimeType")
        raiFilteredReason = try reader.optional(String.self, "raiFilteredReason")
        extra = try reader.extra(known: ["bytesBase64Encoded", "mimeType", "raiFilteredReason"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(bytesBase64Encoded, "bytesBase64Encoded")
        try writer.put(mimeType, "mimeType")
        try writer.put(raiFilteredReason, "raiFilteredReason")
        try encoder.encodeExtraFields(extra)
    }
}
