import NIOCore

/// A successful answer as the cache keeps it: the body exactly as the client received it
/// (a whole JSON body, or every event of a stream in order), its content type, and the tokens
/// it used, so a hit can log what it saved.
public struct CachedAnswer: Sendable, Equatable {
    public var contentType: String
    /// True for an event stream, replayed as `text/event-stream`.
    public var isStream: Bool
    public var body: ByteBuffer
    public var promptTokens: Int
    public var completionTokens: Int
    /// Unix seconds when it was stored (for `cache: {"s-maxage": N}`).
    public var storedAt: Double

    public init(contentType: String, isStream: Bool, body: ByteBuffer, promptTokens: Int = 0, completionTokens: Int = 0, storedAt: Double) {
        self.contentType = contentType
        self.isStream = isStream
        self.body = body
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.storedAt = storedAt
    }

    /// The bytes it occupies in a store (the envelope's header is a few dozen bytes).
    public var size: Int { body.readableBytes + contentType.utf8.count + Self.headerSize }

    private static let magic: [UInt8] = Array("SYC1".utf8)
    private static let headerSize = 4 + 8 + 1 + 8 + 8 + 2

    /// The envelope: `SYC1`, stored-at seconds (IEEE 754 bits), flags, prompt and completion
    /// tokens, the content type (length-prefixed), then the body to the end.
    public func encoded() -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(size)
        out.writeBytes(Self.magic)
        out.writeInteger(storedAt.bitPattern)
        out.writeInteger(UInt8(isStream ? 1 : 0))
        out.writeInteger(UInt64(max(promptTokens, 0)))
        out.writeInteger(UInt64(max(completionTokens, 0)))
        let type = Array(contentType.utf8.prefix(Int(UInt16.max)))
        out.writeInteger(UInt16(type.count))
        out.writeBytes(type)
        var body = body
        out.writeBuffer(&body)
        return out
    }

    /// Reads an envelope; nil for anything else (a foreign or older value is a miss).
    public init?(decoding buffer: ByteBuffer) {
        var buffer = buffer
        guard buffer.readBytes(length: 4) == Self.magic,
            let stored = buffer.readInteger(as: UInt64.self),
            let flags = buffer.readInteger(as: UInt8.self),
            let prompt = buffer.readInteger(as: UInt64.self),
            let completion = buffer.readInteger(as: UInt64.self),
            let typeLength = buffer.readInteger(as: UInt16.self),
            let type = buffer.readString(length: Int(typeLength)),
            prompt < UInt64(Int.max), completion < UInt64(Int.max)
        else { return nil }
        self.init(
            contentType: type, isStream: flags & 1 == 1, body: buffer.slice(), promptTokens: Int(prompt), completionTokens: Int(completion),
            storedAt: Double(bitPattern: stored)
        )
    }
}
