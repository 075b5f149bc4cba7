#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

/// Bytes of a file a client uploaded (a picture to edit, audio to transcribe) and their type,
/// as the caller took them out of a multipart form.
public struct InlineMedia: Sendable, Hashable {
    public var bytes: [UInt8]
    /// The IANA type (`image/png`, `audio/mpeg`).
    public var mimeType: String

    public init(bytes: [UInt8], mimeType: String) {
        self.bytes = bytes
        self.mimeType = mimeType
    }

    /// The readable bytes of `buffer`.
    public init(buffer: ByteBuffer, mimeType: String) {
        self.init(bytes: Array(buffer.readableBytesView), mimeType: mimeType)
    }

    /// The type without parameters, lowercased (`audio/l16;rate=24000` → `audio/l16`).
    var baseType: String {
        String(mimeType.split(separator: ";").first ?? "").filter { !$0.isWhitespace }.lowercased()
    }

    /// A Gemini part carrying the bytes inline.
    var geminiPart: GeminiPart {
        GeminiPart(inlineData: GeminiBlob(mimeType: mimeType, data: Data(bytes).base64EncodedString()))
    }
}
