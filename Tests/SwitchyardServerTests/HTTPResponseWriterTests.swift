import HTTPTypes
import NIOCore
@testable import SwitchyardServer
import Testing

/// How responses are framed on the wire: the rules NIO's `HTTPResponseEncoder` applies.
@Suite struct HTTPResponseWriterTests {
    let allocator = ByteBufferAllocator()

    func text(_ buffer: ByteBuffer?) -> String? { buffer.map { String(buffer: $0) } }

    @Test func aStatusPassedThroughByCodeGetsItsStandardPhrase() {
        var writer = HTTPResponseWriter()
        writer.awaitResponse(to: .post)
        let head = writer.head(HTTPResponse(status: .init(code: 429), headerFields: [.contentLength: "0"]), allocator: allocator)
        #expect(text(head) == "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n\r\n")
        #expect(writer.responseOpen)
    }

    @Test func aResponseWithALengthIsWrittenAsItIs() {
        var writer = HTTPResponseWriter()
        let fields: HTTPFields = [.contentLength: "5", .transferEncoding: "chunked"]
        writer.awaitResponse(to: .get)
        let head = writer.head(HTTPResponse(status: .ok, headerFields: fields), allocator: allocator)
        #expect(text(head) == "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
        #expect(text(writer.body(ByteBuffer(string: "hello"), allocator: allocator)) == "hello")
        #expect(writer.end(nil, allocator: allocator) == nil)
        #expect(!writer.responseOpen)
    }

    @Test func aResponseWithoutALengthIsChunkedAndEndsWithTheLastChunkAndTrailers() {
        var writer = HTTPResponseWriter()
        writer.awaitResponse(to: .post)
        let head = writer.head(HTTPResponse(status: .ok, headerFields: [.contentType: "text/event-stream"]), allocator: allocator)
        #expect(text(head) == "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
        let event = String(repeating: "x", count: 26)
        #expect(text(writer.body(ByteBuffer(string: event), allocator: allocator)) == "1a\r\n\(event)\r\n")
        #expect(writer.body(ByteBuffer(), allocator: allocator) == nil, "an empty chunk would end the body")
        #expect(text(writer.end([.init("x-done")!: "1"], allocator: allocator)) == "0\r\nx-done: 1\r\n\r\n")
    }

    @Test func noContentAndNotModifiedCarryNoFramingAndNoBody() {
        for status in [HTTPResponse.Status.noContent, .notModified] {
            var writer = HTTPResponseWriter()
            writer.awaitResponse(to: .get)
            let head = writer.head(HTTPResponse(status: status, headerFields: [.contentLength: "3"]), allocator: allocator)
            #expect(text(head) == "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n\r\n")
            #expect(writer.body(ByteBuffer(string: "abc"), allocator: allocator) == nil)
        }
    }

    @Test func aHeadRequestKeepsTheHeadersAndDropsTheBody() {
        var writer = HTTPResponseWriter()
        writer.awaitResponse(to: .head)
        let head = writer.head(HTTPResponse(status: .ok, headerFields: [.contentLength: "5"]), allocator: allocator)
        #expect(text(head) == "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
        #expect(writer.body(ByteBuffer(string: "hello"), allocator: allocator) == nil)
        #expect(writer.end(nil, allocator: allocator) == nil)
    }

    @Test func anInterimContinueLeavesTheResponseThatFollowsAlone() {
        var writer = HTTPResponseWriter()
        writer.awaitResponse(to: .head)
        let interim = writer.head(HTTPResponse(status: .continue), allocator: allocator)
        #expect(text(interim) == "HTTP/1.1 100 Continue\r\n\r\n")
        #expect(!writer.responseOpen)
        // The HEAD still waits for its answer: the final response carries no body.
        _ = writer.head(HTTPResponse(status: .ok, headerFields: [.contentLength: "5"]), allocator: allocator)
        #expect(writer.body(ByteBuffer(string: "hello"), allocator: allocator) == nil)
    }
}
