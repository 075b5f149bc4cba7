/// Why Gemini stopped producing a candidate (`finishReason`).
///
/// Open: reasons Google adds later decode as `.other` and are written back unchanged.
public enum GeminiFinishReason: Sendable, Hashable {
    case stop
    case maxTokens
    case safety
    case recitation
    case language
    case blocklist
    case prohibitedContent
    case spii
    case malformedFunctionCall
    case unexpectedToolCall
    case tooManyToolCalls
    case imageSafety
    case imageProhibitedContent
    case imageRecitation
    case imageOther
    case noImage
    case otherReason
    case unspecified
    case other(String)

    private static let table: [(GeminiFinishReason, String)] = [
        (.stop, "STOP"), (.maxTokens, "MAX_TOKENS"), (.safety, "SAFETY"), (.recitation, "RECITATION"),
        (.language, "LANGUAGE"), (.blocklist, "BLOCKLIST"), (.prohibitedContent, "PROHIBITED_CONTENT"),
        (.spii, "SPII"), (.malformedFunctionCall, "MALFORMED_FUNCTION_CALL"),
        (.unexpectedToolCall, "UNEXPECTED_TOOL_CALL"), (.tooManyToolCalls, "TOO_MANY_TOOL_CALLS"),
        (.imageSafety, "IMAGE_SAFETY"), (.imageProhibitedContent, "IMAGE_PROHIBITED_CONTENT"),
        (.imageRecitation, "IMAGE_RECITATION"), (.imageOther, "IMAGE_OTHER"), (.noImage, "NO_IMAGE"),
        (.otherReason, "OTHER"), (.unspecified, "FINISH_REASON_UNSPECIFIED"),
    ]

    /// The reason for a wire string.
    public init(rawValue: String) {
        self = Self.table.first { $0.1 == rawValue }?.0 ?? .other(rawValue)
    }

    /// The wire string.
    public var rawValue: String {
        if case .other(let value) = self { return value }
        return Self.table.first { $0.0 == self }?.1 ?? ""
    }
}

extension GeminiFinishReason: Codable {
    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
