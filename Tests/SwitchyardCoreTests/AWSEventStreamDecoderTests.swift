import NIOCore
import Testing

@testable import SwitchyardCore

@Suite("AWS event-stream decoder")
struct AWSEventStreamDecoderTests {
    /// One `contentBlockDelta` message, encoded by hand in Python (struct + binascii.crc32) and
    /// accepted by botocore 1.44.8's `EventStreamBuffer`, which read back these headers and payload.
    static let botocoreCheckedMessage = hexBytes(
        "000000a2000000579acad7c80b3a6576656e742d74797065070011636f6e74656e74426c6f636b44656c7461"
            + "0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d"
            + "747970650700056576656e747b22636f6e74656e74426c6f636b496e646578223a302c2264656c7461223a"
            + "7b2274657874223a2248656c6c6f227d2c2270223a2261626364227d1ee2dd14"
    )

    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    /// Messages covering every header type, an empty payload and an empty header section.
    static let messages: [AWSEventStreamMessage] = [
        AWSEventStreamMessage(
            headers: [
                .init(name: ":event-type", value: .string("messageStart")),
                .init(name: ":content-type", value: .string("application/json")),
                .init(name: ":message-type", value: .string("event")),
            ],
            payload: Array(#"{"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0","role":"assistant"}"#.utf8)
        ),
        AWSEventStreamMessage(
            headers: [
                .init(name: "true", value: .bool(true)),
                .init(name: "false", value: .bool(false)),
                .init(name: "byte", value: .byte(-7)),
                .init(name: "short", value: .int16(-300)),
                .init(name: "int", value: .int32(-70_000)),
                .init(name: "long", value: .int64(-5_000_000_000)),
                .init(name: "bytes", value: .bytes([0, 1, 254, 255])),
                .init(name: "time", value: .timestamp(1_719_835_200_000)),
                .init(name: "uuid", value: .uuid(Array(0..<16))),
                .init(name: "unicode", value: .string("héllo ✓")),
            ],
            payload: []
        ),
        AWSEventStreamMessage(headers: [], payload: Array(repeating: 0x41, count: 300)),
    ]

    @Test("CRC32 matches zlib's check value")
    func crcCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        let whole = CRC32.checksum(Array("hello world".utf8))
        #expect(CRC32.checksum(Array(" world".utf8), continuing: CRC32.checksum(Array("hello".utf8))) == whole)
    }

    @Test("decodes a message that botocore accepts, and the encoder reproduces it")
    func botocoreVector() throws {
        var decoder = AWSEventStreamDecoder()
        let decoded = try decoder.feed(Self.botocoreCheckedMessage)
        #expect(decoded.count == 1)
        let message = try #require(decoded.first)
        #expect(message.eventType == "contentBlockDelta")
        #expect(message.messageType == "event")
        #expect(message.stringHeader(":content-type") == "application/json")
        #expect(String(decoding: message.payload, as: UTF8.self) == #"{"contentBlockIndex":0,"delta":{"text":"Hello"},"p":"abcd"}"#)
        #expect(message.encoded() == Self.botocoreCheckedMessage)
        #expect(!decoder.hasPartialMessage)
    }

    @Test("every chunk size from the whole stream down to one byte gives the same messages")
    func everyChunkSize() throws {
        let stream = Self.messages.flatMap { $0.encoded() } + Self.botocoreCheckedMessage
        var expected = Self.messages
        expected.append(try #require(try AWSEventStreamDecoder().feedOnce(Self.botocoreCheckedMessage).first))
        for size in 1...stream.count {
            var decoder = AWSEventStreamDecoder()
            var decoded: [AWSEventStreamMessage] = []
            var offset = 0
            while offset < stream.count {
                let end = min(offset + size, stream.count)
                decoded += try decoder.feed(stream[offset..<end])
                offset = end
            }
            try decoder.finish()
            #expect(decoded == expected, "chunk size \(size)")
        }
    }

    @Test("feeds a ByteBuffer")
    func byteBuffer() throws {
        var decoder = AWSEventStreamDecoder()
        let messages = try decoder.feed(ByteBuffer(bytes: Self.messages[0].encoded()))
        #expect(messages == [Self.messages[0]])
    }

    @Test("a corrupted prelude checksum is rejected as soon as the prelude is in")
    func corruptedPreludeCRC() {
        var bytes = Self.messages[0].encoded()
        bytes[9] ^= 0xFF
        var decoder = AWSEventStreamDecoder()
        #expect(throws: AWSEventStreamError.self) { try decoder.feed(bytes.prefix(12)) }
        do {
            _ = try AWSEventStreamDecoder().feedOnce(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .preludeChecksumMismatch)
            #expect(error.description.contains("prelude checksum mismatch"))
        }
    }

    @Test("a corrupted payload fails the message checksum, and the decoder stays failed")
    func corruptedMessageCRC() throws {
        var bytes = Self.messages[0].encoded()
        bytes[bytes.count - 10] ^= 0x01
        var decoder = AWSEventStreamDecoder()
        do {
            _ = try decoder.feed(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .messageChecksumMismatch)
        }
        #expect(throws: AWSEventStreamError(.messageChecksumMismatch, Self.messageError(bytes))) {
            try decoder.feed(Self.messages[1].encoded())
        }
    }

    static func messageError(_ bytes: [UInt8]) -> String {
        var decoder = AWSEventStreamDecoder()
        do {
            _ = try decoder.feed(bytes)
        } catch {
            return error.message
        }
        return ""
    }

    @Test("impossible lengths are rejected with the numbers", arguments: [
        (10, 0, "total length 10 is below the minimum of 16"),
        (20, 8, "headers length 8 does not fit in total length 20"),
        (200_000, 131_073, "headers length 131073 exceeds the maximum of 131072"),
        (30_000_000, 0, "payload length 29999984 exceeds the maximum of 25165824"),
    ])
    func badLengths(total: Int, headers: Int, message: String) {
        var prelude = AWSEventStreamMessage.bigEndian(UInt64(total), width: 4) + AWSEventStreamMessage.bigEndian(UInt64(headers), width: 4)
        prelude += AWSEventStreamMessage.bigEndian(UInt64(CRC32.checksum(prelude)), width: 4)
        var decoder = AWSEventStreamDecoder()
        #expect(throws: AWSEventStreamError(.invalidLength, message)) { try decoder.feed(prelude) }
    }

    @Test("a header that runs past its section or has an unknown type is rejected")
    func badHeaders() {
        let unknownType = AWSEventStreamMessage(headers: [], payload: []).encodedWithRawHeaders([1, 0x61, 42])
        var decoder = AWSEventStreamDecoder()
        #expect(throws: AWSEventStreamError(.invalidHeader, "header `a` has unknown type 42")) { try decoder.feed(unknownType) }
        let overrun = AWSEventStreamMessage(headers: [], payload: []).encodedWithRawHeaders([1, 0x61, 7, 0, 9, 0x62])
        decoder = AWSEventStreamDecoder()
        #expect(throws: AWSEventStreamError(.invalidHeader, "a header runs past the end of the header section")) { try decoder.feed(overrun) }
    }

    @Test("random header sections with valid checksums never crash the decoder")
    func randomHeaders() {
        var generator = EventStreamTestRandom(seed: 42)
        for _ in 0..<2000 {
            let length = Int(generator.next() % 48)
            let raw = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var decoder = AWSEventStreamDecoder()
            do {
                let messages = try decoder.feed(AWSEventStreamMessage(headers: [], payload: [1, 2]).encodedWithRawHeaders(raw))
                #expect(messages.count == 1)
            } catch {
                #expect(error.kind == .invalidHeader)
            }
        }
    }

    @Test("a stream that ends inside a message fails at finish")
    func truncated() throws {
        var decoder = AWSEventStreamDecoder()
        let bytes = Self.messages[0].encoded()
        #expect(try decoder.feed(bytes.dropLast(3)).isEmpty)
        #expect(decoder.hasPartialMessage)
        #expect(throws: AWSEventStreamError.self) { try decoder.finish() }
    }
}

extension AWSEventStreamDecoder {
    /// A fresh decoder's messages for `bytes` fed at once.
    func feedOnce(_ bytes: [UInt8]) throws(AWSEventStreamError) -> [AWSEventStreamMessage] {
        var copy = self
        return try copy.feed(bytes)
    }
}

extension AWSEventStreamMessage {
    /// A message whose header section is `raw`, with valid checksums (for malformed headers).
    func encodedWithRawHeaders(_ raw: [UInt8]) -> [UInt8] {
        let total = 16 + raw.count + payload.count
        var bytes = Self.bigEndian(UInt64(total), width: 4) + Self.bigEndian(UInt64(raw.count), width: 4)
        bytes += Self.bigEndian(UInt64(CRC32.checksum(bytes)), width: 4)
        bytes += raw + payload
        bytes += Self.bigEndian(UInt64(CRC32.checksum(bytes)), width: 4)
        return bytes
    }
}

/// A small deterministic generator for the random-input test.
struct EventStreamTestRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
