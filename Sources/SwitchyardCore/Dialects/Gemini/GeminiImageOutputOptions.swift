/// The file format of Imagen's pictures (`parameters.outputOptions`).
public struct GeminiImageOutputOptions: Sendable, Hashable {
    /// `image/png` (the default) or `image/jpeg`.
    public var mimeType: String?
    /// 0–100, for `image/jpeg`.
    public var compressionQuality: Int?
    public var extra: [String: JSONValue]

    public init(mimeType: String? = nil, compressionQuality: Int? = nil, extra: [String: JSONValue] = [:]) {
        self.mimeType = mimeType
        self.compressionQuality = compressionQuality
        self.extra = extra
    }
}

extension GeminiImageOutputOptions: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        mimeType = try reader.optional(String.self, "mimeType")
        compressionQuality = try reader.optional(Int.self, "compressionQuality")
        extra = try reader.extra(known: ["mimeType", "compressionQuality"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(mimeType, "mimeType")
        try writer.put(compressionQuality, "compressionQuality")
        try encoder.encodeExtraFields(extra)
    }
}
