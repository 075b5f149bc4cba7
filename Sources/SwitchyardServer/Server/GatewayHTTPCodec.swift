import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Turns NIO's decoded HTTP/1 request parts into HTTP types, and writes responses as bytes
/// (`HTTPResponseWriter`).
///
/// Requests convert as `HTTP1ToHTTPServerCodec` converts them, except that an origin-form
/// target (`/v1/chat/completions`, what clients send to a server) is taken as the path as it
/// is. The library parses every target with Foundation's `URLComponents`, to handle the
/// absolute form that proxies receive; that parse was about 2% of the CPU of a proxied request.
/// Any other form still goes through the library's conversion.
///
/// Malformed HTTP is answered with a 400 (unless a response is under way) before the error
/// goes on to the connection handler, which closes the connection: what NIO's
/// `HTTPServerProtocolErrorHandler` does.
final class GatewayHTTPCodec: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = IOData

    private var writer = HTTPResponseWriter()
    /// `max_header_size_kb`: a larger request head gets a 431 and a close.
    let maxHeaderBytes: Int

    init(maxHeaderBytes: Int) {
        self.maxHeaderBytes = maxHeaderBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard Self.size(of: head) <= maxHeaderBytes else {
                refuse(HTTPResponseWriter.headerFieldsTooLarge(allocator: context.channel.allocator), context: context)
                return
            }
            do {
                var request = try Self.request(head)
                let isHTTP10 = head.version.major == 1 && head.version.minor == 0
                writer.awaitResponse(to: request.method, isHTTP10: isHTTP10)
                if isHTTP10 && request.headerFields[.connection]?.lowercased() != "keep-alive" {
                    // HTTP/1.0 closes after each answer unless the client asked to keep alive.
                    request.headerFields[.connection] = "close"
                }
                context.fireChannelRead(wrapInboundOut(.head(request)))
            } catch {
                context.fireErrorCaught(error)
            }
        case .body(let body):
            context.fireChannelRead(wrapInboundOut(.body(body)))
        case .end(let trailers):
            context.fireChannelRead(wrapInboundOut(.end(trailers.map { HTTPFields($0, splitCookie: false) })))
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let bytes: ByteBuffer?
        switch unwrapOutboundIn(data) {
        case .head(let response):
            bytes = writer.head(response, allocator: context.channel.allocator)
        case .body(let body):
            bytes = writer.body(body, allocator: context.channel.allocator)
        case .end(let trailers):
            if writer.closesAfterResponse {
                // The body's length was never given: closing the connection is what ends it.
                _ = writer.end(trailers, allocator: context.channel.allocator)
                let channel = context.channel
                let closed = context.eventLoop.makePromise(of: Void.self)
                closed.futureResult.whenComplete { _ in channel.close(promise: nil) }
                promise.map { closed.futureResult.cascade(to: $0) }
                context.writeAndFlush(wrapOutboundOut(.byteBuffer(ByteBuffer())), promise: closed)
                return
            }
            bytes = writer.end(trailers, allocator: context.channel.allocator)
        }
        if let bytes {
            context.write(wrapOutboundOut(.byteBuffer(bytes)), promise: promise)
        } else if let promise {
            // Nothing to send (no body, or no chunked end): the promise still completes in
            // order with the writes before it.
            context.write(wrapOutboundOut(.byteBuffer(ByteBuffer())), promise: promise)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError, !writer.responseOpen {
            // NIO's parser gives up on heads past its own cap: that is a head too large too.
            let answer = error == .headerOverflow
                ? HTTPResponseWriter.headerFieldsTooLarge(allocator: context.channel.allocator)
                : HTTPResponseWriter.badRequest(allocator: context.channel.allocator)
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(answer)), promise: nil)
        }
        context.fireErrorCaught(error)
    }

    /// Writes `answer` and closes: the rest of what the client sent is not read.
    private func refuse(_ answer: ByteBuffer, context: ChannelHandlerContext) {
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.byteBuffer(answer))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// The bytes of a request head as sent: request line and header lines.
    static func size(of head: HTTPRequestHead) -> Int {
        head.headers.reduce(head.uri.utf8.count + head.method.rawValue.utf8.count + 12) { total, field in
            total + field.name.utf8.count + field.value.utf8.count + 4
        }
    }

    static func request(_ head: HTTPRequestHead) throws -> HTTPRequest {
        guard head.uri.utf8.first == UInt8(ascii: "/") else {
            return try HTTPRequest(head, secure: false, splitCookie: false)
        }
        return HTTPRequest(
            method: try HTTPRequest.Method(head.method),
            scheme: "http",
            authority: head.headers["Host"].first,
            path: head.uri,
            headerFields: HTTPFields(head.headers, splitCookie: false)
        )
    }
}
