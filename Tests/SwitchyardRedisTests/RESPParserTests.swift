import NIOCore
import SwitchyardRedis
import Testing

/// The RESP2 parser fed the same replies split at every chunk size, down to one byte.
@Suite struct RESPParserTests {
    static let wire = "+OK\r\n-ERR wrong\r\n:42\r\n$5\r\nhe\r\nl\r\n$-1\r\n$0\r\n\r\n*2\r\n$3\r\nfoo\r\n*1\r\n:-7\r\n*-1\r\n*0\r\n+PONG\r\n"
    static let expected: [RESPValue] = [
        .simpleString("OK"), .error("ERR wrong"), .integer(42), .bulkString(ByteBuffer(string: "he\r\nl")), .bulkString(nil),
        .bulkString(ByteBuffer()), .array([.bulkString(ByteBuffer(string: "foo")), .array([.integer(-7)])]), .array(nil), .array([]),
        .simpleString("PONG"),
    ]

    @Test func everyChunkSizeGivesTheSameReplies() throws {
        let bytes = Array(Self.wire.utf8)
        for size in 1...bytes.count {
            var parser = RESPParser()
            var buffer = ByteBuffer()
            var replies: [RESPValue] = []
            var offset = 0
            while offset < bytes.count {
                buffer.writeBytes(bytes[offset..<min(offset + size, bytes.count)])
                offset += size
                while let reply = try parser.next(&buffer) { replies.append(reply) }
            }
            #expect(replies == Self.expected, "chunks of \(size)")
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test func bytesThatAreNotRESPAreAnError() {
        var parser = RESPParser()
        var buffer = ByteBuffer(string: "HTTP/1.1 400\r\n")
        #expect(throws: RedisError.self) { try parser.next(&buffer) }
        var bad = ByteBuffer(string: "$3\r\nabcXY")
        #expect(throws: RedisError.self) { try parser.next(&bad) }
    }

    @Test func commandsAreArraysOfBulkStrings() {
        var out = ByteBuffer()
        RESPEncoder.command(["SET", .text("k"), .bytes(ByteBuffer(bytes: [0, 13, 10])), "PX", "600"], into: &out)
        #expect(String(buffer: out) == "*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\n\u{0}\r\n\r\n$2\r\nPX\r\n$3\r\n600\r\n")
    }
}
