import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import SwitchyardCore

/// Turns NIO's decoded HTTP/1 request parts into HTTP types, and writes responses as bytes
/// (`HTTPResponseWriter`).
///
/// Requests convert as `HTTP1ToHTTPServerCodec` converts them, except that an origin-form
/// target (`/v1/chat/completions`, what clients send to a server) is taken as the path as it
/// is. The library parses every target with Foundation's `URLComponents`, to handle the
/// absolute form that proxies receive; that parse was about 2% of the CPU of a proxied request.
/// Any other form still goes through the library's conversion.
///
/// A request it cannot take (malformed HTTP, a head over `max_header_size_kb`, an HTTP/1.1
/// request without exactly one valid `Host`, as RFC 9112 §3.2 requires) goes on to the
/// connection handler as a `MalformedRequest`, refused there after the answers to the requests
/// before it: 400, or 431 for a head too large.
final class GatewayHTTPCodec: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = IOData

    private var writer = HTTPResponseWriter()
    /// A request was refused: nothing more from the client goes on to the handler.
    private var refused = false
    /// `max_header_size_kb`: a larger request head gets a 431 and a close.
    let maxHeaderBytes: Int

    init(maxHeaderBytes: Int) {
        self.maxHeaderBytes = maxHeaderBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard !refused else { return }
            guard Self.size(of: head) <= maxHeaderBytes else {
                refuse(.headTooLarge, context: context)
                return
            }
            guard Self.hasValidHost(head) else {
                refuse(.malformedHTTP, context: context)
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
                refuse(.malformedHTTP, context: context)
            }
        case .body(let body):
            guard !refused else { return }
            context.fireChannelRead(wrapInboundOut(.body(body)))
        case .end(let trailers):
            guard !refused else { return }
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
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        // NIO's parser gives up on heads past its own cap: that is a head too large too.
        refuse(error as? HTTPParserError == .headerOverflow ? .headTooLarge : .malformedHTTP, context: context)
    }

    /// Hands the refusal to the connection handler; nothing more from the client goes on.
    private func refuse(_ error: GatewayError, context: ChannelHandlerContext) {
        guard !refused else { return }
        refused = true
        context.fireUserInboundEventTriggered(MalformedRequest(error: error))
    }

    /// An HTTP/1.1 request names exactly one host, and a valid one (RFC 9112 §3.2); an
    /// HTTP/1.0 request may name none.
    static func hasValidHost(_ head: HTTPRequestHead) -> Bool {
        var found: Substring.UTF8View?
        for field in head.headers where field.name.utf8.elementsEqual("host".utf8, by: { $0 | 0x20 == $1 }) {
            guard found == nil else { return false }
            found = Substring(field.value).utf8
        }
        guard let host = found else { return head.version.major == 1 && head.version.minor == 0 }
        return host.allSatisfy(Self.isHostByte)
    }

    /// Letters, digits and the punctuation a host, an IP literal or a port may hold.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "%"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            true
        default: false
        }
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
