import Foundation

/// A stored file's bytes in the form requests carry inline: a media type, a name and base64.
public struct InlineFile: Sendable, Hashable {
    public var mediaType: String
    public var filename: String
    public var base64: String

    public init(mediaType: String, filename: String, base64: String) {
        self.mediaType = mediaType
        self.filename = filename
        self.base64 = base64
    }

    /// The file with its type read from its first bytes, else guessed from its name.
    public init(bytes: some Collection<UInt8>, filename: String) {
        self.init(
            mediaType: Self.sniffedType(Array(bytes.prefix(16))) ?? GeminiMediaType.guess(fromName: filename) ?? "application/octet-stream",
            filename: filename,
            base64: Data(bytes).base64EncodedString()
        )
    }

    /// `data:<type>;base64,<data>`.
    public var dataURL: String { "data:\(mediaType);base64,\(base64)" }

    public var isImage: Bool { mediaType.hasPrefix("image/") }

    /// Plain text a provider may take as text (`text/plain`, `text/markdown`…).
    public var isText: Bool { mediaType.hasPrefix("text/") }

    /// The signatures of the image and document types providers read inline.
    static func sniffedType(_ head: [UInt8]) -> String? {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF8".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        return nil
    }
}
