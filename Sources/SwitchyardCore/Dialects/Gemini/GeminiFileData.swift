/// A part that refers to bytes by URI (`fileData`): a Files API URI, a YouTube or web URL.
public struct GeminiFileData: Sendable, Hashable {
    /// The IANA type of the file; Gemini requires it for most URIs.
    public var mimeType: String?
    public var fileUri: String
    public var extra: [String: JSONValue]

    public init(mimeType: String? = nil, fileUri: String, extra: [String: JSONValue] = [:]) {
        self.mimeType = mimeType
        self.fileUri = fileUri
        self.extra = extra
    }
}

extension GeminiFileData: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        mimeType = try reader.optional(String.self, "mimeType")
        fileUri = try reader.required(String.self, "fileUri")
        extra = try reader.extra(known: ["mimeType", "fileUri"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(mimeType, "mimeType")
        try writer.put(fileUri, "fileUri")
        try encoder.encodeExtraFields(extra)
    }
}
