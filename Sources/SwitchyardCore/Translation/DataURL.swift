/// A base64 `data:` URL (`data:image/png;base64,iVBOR…`), split into media type and payload.
public struct DataURL: Sendable, Hashable {
    public var mediaType: String
    public var base64: String

    /// Parses a `data:<media type>;base64,<data>` URL; nil for anything else.
    public init?(_ string: String) {
        guard string.hasPrefix("data:"), let comma = string.firstIndex(of: ",") else { return nil }
        let header = string[string.index(string.startIndex, offsetBy: 5)..<comma]
        let parameters = header.split(separator: ";", omittingEmptySubsequences: false)
        guard parameters.last == "base64", let type = parameters.first, !type.isEmpty else { return nil }
        mediaType = String(type)
        base64 = String(string[string.index(after: comma)...])
    }

    init(mediaType: String, base64: String) {
        self.mediaType = mediaType
        self.base64 = base64
    }

    /// The URL text.
    var url: String { "data:\(mediaType);base64,\(base64)" }
}
