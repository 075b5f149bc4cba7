import NIOCore

/// Reads AWS event-stream messages out of bytes that arrive in chunks of any size.
///
/// Each message is `total length (4) | headers length (4) | prelude CRC (4) | headers |
/// payload | message CRC (4)`, big-endian, both CRCs CRC-32. Feed bytes as they arrive; each
/// call returns the messages completed so far. Both checksums are verified and impossible
/// lengths are rejected as soon as the 12-byte prelude is in, before waiting for the rest.
/// After an error every later call throws the same error.
public struct AWSEventStreamDecoder: Sendable {
    /// Largest header section accepted (botocore's limit).
    public static let maxHeadersLength = 128 * 1024
    /// Largest payload accepted (botocore's limit).
    public static let maxPayloadLength = 24 * 1024 * 1024

    static let preludeLength = 12
    static let minimumMessageLength = 16

    private var buffer: [UInt8] = []
    private var start = 0
    private var failure: AWSEventStreamError?

    public init() {}

    /// Whether bytes of an unfinished message are held.
    public var hasPartialMessage: Bool { start < buffer.count }

    /// Adds `bytes` and returns every message they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(AWSEventStreamError) -> [AWSEventStreamMessage] {
        if let failure { throw failure }
        buffer.append(contentsOf: bytes)
        var messages: [AWSEventStreamMessage] = []
        do {
            while let message = try nextMessage() {
                messages.append(message)
            }
        } catch {
            failure = error
            throw error
        }
        compact()
        return messages
    }

    /// Adds the readable bytes of `buffer` and returns every message they complete.
    public mutating func feed(_ bytes: ByteBuffer) throws(AWSEventStreamError) -> [AWSEventStreamMessage] {
        try feed(bytes.readableBytesView)
    }

    /// Declares the end of the stream: throws when it stopped inside a message.
    public mutating func finish() throws(AWSEventStreamError) {
        if let failure { throw failure }
        if hasPartialMessage {
            let error = AWSEventStreamError(.truncated, "the stream ended inside a message (\(buffer.count - start) bytes left)")
            failure = error
            throw error
        }
    }

    private mutating func nextMessage() throws(AWSEventStreamError) -> AWSEventStreamMessage? {
        let available = buffer.count - start
        guard available >= Self.preludeLength else { return nil }
        let totalLength = Int(readUInt32(at: start))
        let headersLength = Int(readUInt32(at: start + 4))
        let preludeCRC = readUInt32(at: start + 8)
        let computed = CRC32.checksum(buffer[start..<(start + 8)])
        guard computed == preludeCRC else {
            throw AWSEventStreamError(.preludeChecksumMismatch, "prelude checksum mismatch: expected \(hex(preludeCRC)), computed \(hex(computed))")
        }
        try Self.validate(totalLength: totalLength, headersLength: headersLength)
        guard available >= totalLength else { return nil }

        let end = start + totalLength
        let messageCRC = readUInt32(at: end - 4)
        let computedMessage = CRC32.checksum(buffer[start..<(end - 4)])
        guard computedMessage == messageCRC else {
            throw AWSEventStreamError(.messageChecksumMismatch, "message checksum mismatch: expected \(hex(messageCRC)), computed \(hex(computedMessage))")
        }
        let headersStart = start + Self.preludeLength
        let payloadStart = headersStart + headersLength
        let headers = try AWSEventStreamHeaderParser.parse(buffer[headersStart..<payloadStart])
        let payload = Array(buffer[payloadStart..<(end - 4)])
        start = end
        return AWSEventStreamMessage(headers: headers, payload: payload)
    }

    static func validate(totalLength: Int, headersLength: Int) throws(AWSEventStreamError) {
        guard totalLength >= minimumMessageLength else {
            throw AWSEventStreamError(.invalidLength, "total length \(totalLength) is below the minimum of \(minimumMessageLength)")
        }
        guard headersLength <= maxHeadersLength else {
            throw AWSEventStreamError(.invalidLength, "headers length \(headersLength) exceeds the maximum of \(maxHeadersLength)")
        }
        let payloadLength = totalLength - minimumMessageLength - headersLength
        guard payloadLength >= 0 else {
            throw AWSEventStreamError(.invalidLength, "headers length \(headersLength) does not fit in total length \(totalLength)")
        }
        guard payloadLength <= maxPayloadLength else {
            throw AWSEventStreamError(.invalidLength, "payload length \(payloadLength) exceeds the maximum of \(maxPayloadLength)")
        }
    }

    private func readUInt32(at index: Int) -> UInt32 {
        buffer[index..<(index + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Drops consumed bytes once they outweigh what is still held.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 4096, start > buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
