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
///
/// How long the client may take is `ClientReadStateMachine`'s to say; one timer per
/// connection, re-armed lazily, carries out what it decides.
final class GatewayConnectionHandler<Responder: HTTPResponder>: ChannelDuplexHandler, RemovableChannelHandler, RequestStartListener
where Responder.Context == GatewayRequestContext {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static var maxQueued: Int { 16 }

    /// A request whose head is in and whose body is arriving.
    private struct Incoming {
        var head: HTTPRequest
        var body = ByteBuffer()
        /// Over the size limit: the rest is dropped as it arrives.
        var oversized = false
    }

    /// Whether, and how, the connection is coming to an end.
    private enum Ending {
        case open
        /// The server is shutting down: finish the answer in flight, start no other, close.
        case afterAnswer
        /// The client closed its side. As with nginx's `proxy_ignore_client_abort off`, a
        /// request still waiting on an upstream counts as abandoned (499); answers that need
        /// no upstream are still written before the close.
        case inputClosed
    }

    private let responder: Responder
    private let limits: ConnectionLimits
    private let serverName: String?
    private let logger: Logger
    private var reader: ClientReadStateMachine
    private var incoming: Incoming?
    /// Complete requests waiting for the one in flight.
    private var queued: [Request] = []
    /// The task answering the request in flight, cancelled if the client goes away: a
    /// client that leaves stops its upstream call, streamed or not.
    private var answering: Task<Void, Never>?
    private var ending = Ending.open
    private var readPaused = false
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private var timerDeadline = NIODeadline.distantFuture

    init(responder: Responder, limits: ConnectionLimits, serverName: String?, logger: Logger) {
        self.responder = responder
        self.limits = limits
        self.serverName = serverName
        self.logger = logger
        self.reader = ClientReadStateMachine(timeouts: limits.timeouts, now: .now())
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        scheduleCheck()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        timer?.cancel()
        timer = nil
    }

    var awaitsRequest: Bool { reader.awaitsFirstByte }

    func requestStarted() {
        reader.bytesArrived(now: .now())
        scheduleCheck()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard reader.state != .closed else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            reader.headReceived(path: head.path ?? "/", now: .now())
            incoming = Incoming(head: head)
            if head.headerFields[.expect]?.lowercased() == "100-continue" {
                let length = head.headerFields[.contentLength].flatMap { Int($0) } ?? 0
                guard length <= limits.maxRequestBodyBytes else {
                    // A body that would be refused is not asked for: the 413 goes out at once,
                    // from the declared length, and the connection closes before any body.
                    let error = GatewayError(.payloadTooLarge, "The request body is larger than the configured limit.", code: "request_too_large")
                    refuse(error, path: head.path, context: context)
                    return
                }
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
            }
        case .body(var chunk):
            reader.bodyReceived(now: .now())
            guard var request = incoming, !request.oversized else { return }
            incoming = nil
            if request.body.readableBytes + chunk.readableBytes > limits.maxRequestBodyBytes {
                request.oversized = true
                request.body = ByteBuffer()
            } else if request.body.readableBytes == 0 {
                request.body = chunk
            } else {
                request.body.writeBuffer(&chunk)
            }
            incoming = request
        case .end:
            guard let request = incoming else { return }
            incoming = nil
            reader.requestEnded()
            let body = request.oversized
                ? RequestBody(asyncSequence: OversizedBody(limit: limits.maxRequestBodyBytes)) : RequestBody(buffer: request.body)
            queued.append(Request(head: request.head, body: body))
            startNext(context)
        }
    }

    /// Answers `error` in the envelope of `path`'s surface (OpenAI's when no head arrived),
    /// then closes: nothing more the client sends is read.
    private func refuse(_ error: GatewayError, path: String?, context: ChannelHandlerContext) {
        reader.closed()
        incoming = nil
        queued.removeAll()
        guard answering == nil else {
            // A response is being written: another one cannot be put in the middle of it.
            context.close(promise: nil)
            return
        }
        let body = ByteBuffer(bytes: ErrorSurface.forPath(path ?? "/").body(for: error))
        var response = HTTPResponse(status: .init(code: error.status))
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
            ending = .afterAnswer
            guard answering != nil else {
                context.close(promise: nil)
                return
            }
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: limits.gracefulShutdownTimeout) {
                guard let context = handler.value.context, let answering = handler.value.answering else { return }
                answering.cancel()
                context.close(promise: nil)
            }
        case ChannelEvent.inputClosed:
            // The client sent all it will: answer what it asked, then close.
            ending = .inputClosed
            answering?.cancel()
            if answering == nil && queued.isEmpty { context.close(promise: nil) }
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
        guard answering == nil, !queued.isEmpty else { return }
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
        if ending == .inputClosed { answering?.cancel() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        reader.closed()
        answering?.cancel()
        answering = nil
        queued.removeAll()
        context.fireChannelInactive()
    }

    /// The response in flight was written (or failed): start the next request, or close.
    private func ended(keepOpen: Bool) {
        answering = nil
        guard let context else { return }
        if !keepOpen || (ending != .open && queued.isEmpty) {
            reader.closed()
            context.close(promise: nil)
            return
        }
        startNext(context)
        reader.answerEnded(idle: answering == nil, now: .now())
        scheduleCheck()
    }

    // MARK: Timer

    /// Makes sure the timer fires no later than the reader's next check; an earlier timer is
    /// kept and re-arms when it fires, far cheaper than rescheduling for every request.
    private func scheduleCheck() {
        guard let checkAt = reader.nextCheck, let context else { return }
        if timer != nil, timerDeadline <= checkAt { return }
        timer?.cancel()
        timerDeadline = checkAt
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: checkAt) { [self] in
            timerFired()
        }
    }

    private func timerFired() {
        timer = nil
        guard let context else { return }
        switch reader.timerFired(now: .now()) {
        case .wait:
            scheduleCheck()
        case .closeSilently:
            context.close(promise: nil)
        case .refuse(let path):
            let error = GatewayError(.requestTimeout, "The request stopped arriving before it was complete.", code: "request_timeout")
            refuse(error, path: path, context: context)
        }
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
