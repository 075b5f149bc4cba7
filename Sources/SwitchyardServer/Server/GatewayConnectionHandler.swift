import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import SwitchyardCore

/// Collects each request on the event loop and answers it with the router's responder, one
/// request at a time per connection.
///
/// Requests a client pipelines wait here, complete, until the previous response has ended;
/// reading goes on meanwhile (only a client with more than `maxQueued` requests waiting is
/// paused), which spares the two `epoll_ctl` calls per request that pausing and resuming reads
/// would cost. The body is gathered up to the configured limit; a larger one is dropped as it
/// arrives and the route sees a body that fails with `NIOTooManyBytesError` (a 413 in the
/// surface's envelope).
final class GatewayConnectionHandler<Responder: HTTPResponder>: ChannelDuplexHandler, RemovableChannelHandler
where Responder.Context == GatewayRequestContext {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static var maxQueued: Int { 16 }

    private let responder: Responder
    private let maxRequestBodyBytes: Int
    /// How long a request in flight may still run once the server is shutting down.
    private let gracefulShutdownTimeout: TimeAmount
    private let serverName: String?
    private let logger: Logger
    private var head: HTTPRequest?
    private var body = ByteBuffer()
    private var bodyTooLarge = false
    /// Complete requests waiting for the one in flight.
    private var queued: [Request] = []
    private var inFlight = false
    /// The task answering the request in flight, cancelled if the client goes away: a
    /// client that leaves stops its upstream call, streamed or not.
    private var answering: Task<Void, Never>?
    /// The client closed its side. As with nginx's `proxy_ignore_client_abort off`, a request
    /// still waiting on an upstream then counts as abandoned (499); answers that need no
    /// upstream are still written before the close.
    private var clientClosedInput = false
    private var readPaused = false
    /// The server is shutting down, or the client closed its side: close once idle.
    private var closeWhenIdle = false
    private var context: ChannelHandlerContext?

    init(responder: Responder, maxRequestBodyBytes: Int, gracefulShutdownTimeout: TimeAmount, serverName: String?, logger: Logger) {
        self.responder = responder
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.gracefulShutdownTimeout = gracefulShutdownTimeout
        self.serverName = serverName
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = ByteBuffer()
            bodyTooLarge = false
            if head.headerFields[.expect]?.lowercased() == "100-continue" {
                let length = head.headerFields[.contentLength].flatMap { Int($0) } ?? 0
                guard length <= maxRequestBodyBytes else {
                    // A body that would be refused is not asked for: the 413 goes out at once,
                    // from the declared length, and the connection closes before any body.
                    refuseOversizedBody(head, context: context)
                    return
                }
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
            }
        case .body(var chunk):
            guard !bodyTooLarge else { return }
            if body.readableBytes + chunk.readableBytes > maxRequestBodyBytes {
                bodyTooLarge = true
                body = ByteBuffer()
            } else if body.readableBytes == 0 {
                body = chunk
            } else {
                body.writeBuffer(&chunk)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let requestBody = bodyTooLarge ? RequestBody(asyncSequence: OversizedBody(limit: maxRequestBodyBytes)) : RequestBody(buffer: body)
            body = ByteBuffer()
            queued.append(Request(head: head, body: requestBody))
            startNext(context)
        }
    }

    /// Answers a request whose declared body is over the limit with a 413 in its surface's
    /// envelope, then closes: the body is never read.
    private func refuseOversizedBody(_ head: HTTPRequest, context: ChannelHandlerContext) {
        self.head = nil
        bodyTooLarge = true
        closeWhenIdle = true
        queued.removeAll()
        let path = head.path ?? "/"
        let error = GatewayError(.payloadTooLarge, "The request body is larger than the configured limit.", code: "request_too_large")
        let body = ByteBuffer(bytes: ErrorSurface.forPath(path).body(for: error))
        var response = HTTPResponse(status: .contentTooLarge)
        response.headerFields[.contentType] = "application/json"
        response.headerFields[.contentLength] = String(body.readableBytes)
        response.headerFields[.connection] = "close"
        response.headerFields[.date] = HTTPDate.now()
        if let serverName { response.headerFields[.server] = serverName }
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Holds reads back only while too many pipelined requests wait.
    func read(context: ChannelHandlerContext) {
        if queued.count >= Self.maxQueued {
            readPaused = true
        } else {
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            // Finish the response being written, answer nothing more; a request still running
            // when the shutdown timeout passes is ended (logged as 499) and the connection closed.
            queued.removeAll()
            closeWhenIdle = true
            guard inFlight else {
                context.close(promise: nil)
                return
            }
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: gracefulShutdownTimeout) {
                guard let context = handler.value.context, handler.value.inFlight else { return }
                handler.value.answering?.cancel()
                context.close(promise: nil)
            }
        case ChannelEvent.inputClosed:
            // The client sent all it will: answer what it asked, then close.
            closeWhenIdle = true
            clientClosedInput = true
            answering?.cancel()
            if !inFlight && queued.isEmpty { context.close(promise: nil) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Errors reaching here are fatal to the connection: malformed HTTP (already answered
    /// with a 400 by `GatewayHTTPCodec`) or a failed socket.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func startNext(_ context: ChannelHandlerContext) {
        guard !inFlight, !queued.isEmpty else { return }
        inFlight = true
        let request = queued.removeFirst()
        if readPaused && queued.count < Self.maxQueued {
            readPaused = false
            context.read()
        }
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let exchange = Exchange(request: request, channel: context.channel, responder: responder, serverName: serverName, logger: logger)
        answering = Task {
            let keepOpen = await exchange.run()
            handler.eventLoop.execute { handler.value.ended(keepOpen: keepOpen) }
        }
        if clientClosedInput { answering?.cancel() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        answering?.cancel()
        answering = nil
        queued.removeAll()
        context.fireChannelInactive()
    }

    /// The response in flight was written (or failed): start the next request, or close.
    private func ended(keepOpen: Bool) {
        inFlight = false
        answering = nil
        guard let context else { return }
        if !keepOpen || (closeWhenIdle && queued.isEmpty) {
            context.close(promise: nil)
            return
        }
        startNext(context)
    }
}

/// One request answered: the responder runs as a task, and its response is written to the
/// channel (in one flush when the length is known, flushing each write when it streams).
private struct Exchange<Responder: HTTPResponder>: Sendable where Responder.Context == GatewayRequestContext {
    let request: Request
    let channel: any Channel
    let responder: Responder
    let serverName: String?
    let logger: Logger

    /// - Returns: whether the connection may carry another request.
    func run() async -> Bool {
        let context = GatewayRequestContext(source: .init(channel: channel, logger: logger))
        var response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            logger.debug("responder failed", metadata: ["error": "\(error)"])
            response = Response(status: .internalServerError)
        }
        response.headers[.date] = HTTPDate.now()
        if let serverName { response.headers[.server] = serverName }
        let closeAfter = request.headers[.connection]?.lowercased() == "close"
        if closeAfter { response.headers[.connection] = "close" }
        let streams = response.body.contentLength == nil
        if streams {
            channel.writeAndFlush(HTTPResponsePart.head(response.head), promise: nil)
        } else {
            channel.write(HTTPResponsePart.head(response.head), promise: nil)
        }
        do {
            try await response.body.write(ChannelBodyWriter(channel: channel, flushEachWrite: streams))
        } catch {
            logger.debug("response not completed", metadata: ["error": "\(error)"])
            return false
        }
        return !closeAfter
    }
}

/// Writes a response body to the channel.
private struct ChannelBodyWriter: ResponseBodyWriter {
    let channel: any Channel
    let flushEachWrite: Bool

    mutating func write(_ buffer: ByteBuffer) async throws {
        if flushEachWrite {
            // A stream's events go out at once; the writer waits only when the socket's
            // buffer is full (backpressure), not for every event to reach the kernel.
            guard channel.isActive else { throw ChannelError.ioOnClosedChannel }
            if channel.isWritable {
                channel.writeAndFlush(HTTPResponsePart.body(buffer), promise: nil)
            } else {
                try await channel.writeAndFlush(HTTPResponsePart.body(buffer))
            }
        } else {
            channel.write(HTTPResponsePart.body(buffer), promise: nil)
        }
    }

    /// The end is flushed after the jobs the loop is running now, as the upstream client flushes
    /// its requests: responses that finish in one pass go out back to back. The connection
    /// handler's next step (another request, or the close) is queued after that flush.
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        let channel = self.channel
        channel.write(HTTPResponsePart.end(trailingHeaders), promise: nil)
        channel.eventLoop.execute { channel.flush() }
        guard channel.isActive else { throw ChannelError.ioOnClosedChannel }
    }
}

/// A request body that was over the limit: reading it fails as `collect(upTo:)` would.
private struct OversizedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        let limit: Int
        mutating func next() async throws -> ByteBuffer? { throw NIOTooManyBytesError(maxBytes: limit) }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(limit: limit) }
}
