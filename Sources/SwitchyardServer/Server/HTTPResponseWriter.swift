import HTTPTypes
import NIOCore
import NIOHTTP1

/// Writes HTTP/1.1 responses as bytes, framed as NIO's `HTTPResponseEncoder` frames them: a
/// response with a `content-length` goes as it is, one without is chunked, and one that may
/// not have a body (1xx, 204, 304, the answer to a `HEAD`, or a 2xx answer to `CONNECT`) carries none.
/// An HTTP/1.0 request is answered as HTTP/1.0: never chunked (a body of unknown length ends
/// when the connection closes), and closed after the answer unless it asked for keep-alive.
///
/// It takes HTTP types' fields as they are. NIO's encoder needs its own header type, and the
/// conversion and the encoder's passes over the headers were about 4% of a proxied request.
struct HTTPResponseWriter {
    enum Framing {
        /// No body is written: the status allows none, or the request was a `HEAD`.
        case none
        /// The body goes as it is, its length given by `content-length`.
        case length
        case chunked
        /// HTTP/1.0 without a known length: the body goes as it is, and the close ends it.
        case untilClose
    }

    /// What the writer must know of a request to answer it.
    struct Awaited {
        var method: HTTPRequest.Method
        /// The request was HTTP/1.0.
        var isHTTP10 = false
    }

    /// How the response being written frames its body.
    private(set) var framing = Framing.none
    /// A final response head was written and its end was not.
    private(set) var responseOpen = false
    /// The response being written ends by closing the connection (HTTP/1.0 without a length).
    var closesAfterResponse: Bool { framing == .untilClose }
    /// The requests not yet answered, oldest first: a `HEAD` is answered without a body, an
    /// HTTP/1.0 request without chunks.
    private var unanswered = CircularBuffer<Awaited>(initialCapacity: 4)

    /// A request arrived: its response is the next final one after those already awaited.
    mutating func awaitResponse(to method: HTTPRequest.Method, isHTTP10: Bool = false) {
        unanswered.append(Awaited(method: method, isHTTP10: isHTTP10))
    }

    /// The response head's bytes, its framing headers corrected for the request it answers.
    /// An informational (1xx) head leaves the state of the response that follows it alone.
    mutating func head(_ response: HTTPResponse, allocator: ByteBufferAllocator) -> ByteBuffer {
        var fields = response.headerFields
        let code = response.status.code
        if (100..<200).contains(code), code != 101 {
            return Self.serialize(response.status, fields, allocator: allocator)
        }
        responseOpen = true
        let awaited = unanswered.popFirst()
        let method = awaited?.method
        let isHTTP10 = awaited?.isHTTP10 ?? false
        // Only a 2xx answer to CONNECT turns the connection into a tunnel without a body; any
        // other answer to it is framed as usual (RFC 9110 §9.3.6).
        if code < 200 || code == 204 || code == 304 || (method == .connect && code < 300) {
            fields[.contentLength] = nil
            fields[.transferEncoding] = nil
            framing = .none
        } else if fields[.contentLength] != nil {
            fields[.transferEncoding] = nil
            framing = .length
        } else if isHTTP10 {
            fields[.transferEncoding] = nil
            fields[.connection] = "close"
            framing = .untilClose
        } else {
            fields[.transferEncoding] = "chunked"
            framing = .chunked
        }
        // A HEAD response keeps the headers a GET would have had, without the body.
        if method == .head { framing = .none }
        return Self.serialize(response.status, fields, version: isHTTP10 ? "HTTP/1.0 " : "HTTP/1.1 ", allocator: allocator)
    }

    /// A body part's bytes in the response's framing; nil when the response has no body.
    func body(_ part: ByteBuffer, allocator: ByteBufferAllocator) -> ByteBuffer? {
        switch framing {
        case .none:
            return nil
        case .length, .untilClose:
            return part
        case .chunked:
            guard part.readableBytes > 0 else { return nil }
            var chunk = allocator.buffer(capacity: part.readableBytes + 12)
            chunk.writeString(String(part.readableBytes, radix: 16))
            chunk.writeStaticString("\r\n")
            chunk.writeImmutableBuffer(part)
            chunk.writeStaticString("\r\n")
            return chunk
        }
    }

    /// The bytes that end the response (the last chunk and any trailers), or nil.
    mutating func end(_ trailers: HTTPFields?, allocator: ByteBufferAllocator) -> ByteBuffer? {
        defer {
            responseOpen = false
            framing = .none
        }
        guard case .chunked = framing else { return nil }
        var buffer = allocator.buffer(capacity: 5)
        buffer.writeStaticString("0\r\n")
        for field in trailers ?? [:] { Self.write(field, to: &buffer) }
        buffer.writeStaticString("\r\n")
        return buffer
    }

    private static func serialize(
        _ status: HTTPResponse.Status, _ fields: HTTPFields, version: StaticString = "HTTP/1.1 ", allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 256)
        buffer.writeStaticString(version)
        buffer.writeString(String(status.code))
        buffer.writeStaticString(" ")
        // A status made from a code alone (an upstream's, passed through) has no phrase: the
        // standard one goes out, as NIO's encoder sends it.
        buffer.writeString(status.reasonPhrase.isEmpty ? HTTPResponseStatus(statusCode: status.code).reasonPhrase : status.reasonPhrase)
        buffer.writeStaticString("\r\n")
        for field in fields { write(field, to: &buffer) }
        buffer.writeStaticString("\r\n")
        return buffer
    }

    private static func write(_ field: HTTPField, to buffer: inout ByteBuffer) {
        buffer.writeString(field.name.rawName)
        buffer.writeStaticString(": ")
        buffer.writeString(field.value)
        buffer.writeStaticString("\r\n")
    }
}
