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
/// would cost.
///
/// A request that cannot be served (malformed, a head or body over its limit, one that stopped
/// arriving) is refused in its turn, after the answers to the requests before it: the refusal
/// goes out in the surface's envelope with `Connection: close`, nothing after it is read as a
/// request, and the connection lingers briefly, dropping what the client still sends, so that
/// the client reads the refusal rather than a reset.
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
    }

    /// What waits for its turn to be answered.
    private enum Queued {
        /// `bodyID` names its body when the body streams (`streamedBody`).
        case request(Request, bodyID: Int?)
        /// A request refused before it reached the router; the last thing on a connection.
        case refusal(GatewayError, path: String?, requestID: String)
    }

    /// The body of a request that was handed to its route at its head (a file upload).
    private enum StreamedBody {
        case none
        /// Arriving and passed on; `paused` while the route has enough of it.
        case passing(StreamedRequestBody, paused: Bool)
        /// The route no longer reads it (it answered early, or the body passed its limit): the
        /// rest is dropped, and the connection closes after the answer.
        case dropping(id: Int)

        /// The body's number, while it is arriving.
        var id: Int? {
            switch self {
            case .none: nil
            case .passing(let body, _): body.id
            case .dropping(let id): id
            }
        }
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
    /// Complete requests (or a refusal) waiting for the one in flight.
    private var queued: [Queued] = []
    /// The task answering the request in flight, cancelled if the client goes away: a
    /// client that leaves stops its upstream call, streamed or not.
    private var answering: Task<Void, Never>?
    private var ending = Ending.open
    private var readPaused = false
    private var streamedBody = StreamedBody.none
    /// Numbers streamed bodies, so a late callback from a finished one is ignored.
    private var streamedBodies = 0
    /// The answer in flight said `Connection: close` (it went out before its streamed body
    /// was all read): the connection closes once it is written.
    private var closeAfterAnswer = false
    /// The body of the request being answered, when it streams: a next request's streamed
    /// body may already be arriving as this answer ends.
    private var answeringBodyID: Int?
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private var timerDeadline = NIODeadline.distantFuture
    /// Since when the client has not taken what the gateway writes (the socket's buffer is
    /// full); past `send_timeout` the connection is closed and its answer abandoned.
    private var blockedSince: NIODeadline?

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
        guard reader.readsRequests else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            reader.headReceived(path: head.path ?? "/", now: .now())
            // Only moves the timer when the body timeout is the shorter one.
            scheduleCheck()
            let declared = head.headerFields[.contentLength].flatMap { Int($0) } ?? 0
            let streamLimit = limits.streamedUploads.limit(for: head)
            guard declared <= streamLimit ?? limits.maxRequestBodyBytes else {
                // Refused from its declared length, before any of the body is read (or, with
                // `Expect: 100-continue`, sent).
                refuse(.bodyTooLarge, path: head.path, head: head, context: context)
                return
            }
            let expectsContinue = head.headerFields[.expect]?.lowercased() == "100-continue"
            if let streamLimit {
                streamBody(of: head, limit: streamLimit, expectsContinue: expectsContinue, context: context)
                return
            }
            incoming = Incoming(head: head)
            if expectsContinue {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
            }
        case .body(var chunk):
            reader.bodyReceived(now: .now())
            if passStreamed(chunk) { return }
            guard var request = incoming else { return }
            incoming = nil
            guard request.body.readableBytes + chunk.readableBytes <= limits.maxRequestBodyBytes else {
                refuse(.bodyTooLarge, path: request.head.path, head: request.head, context: context)
                return
            }
            if request.body.readableBytes == 0 {
                request.body = chunk
            } else {
                request.body.writeBuffer(&chunk)
            }
            incoming = request
        case .end:
            if endStreamed() { return }
            guard let request = incoming else { return }
            incoming = nil
            reader.requestEnded()
            queued.append(.request(Request(head: request.head, body: RequestBody(buffer: request.body)), bodyID: nil))
            startNext(context)
        }
    }

    /// Refuses the request being read, in its turn: nothing after it is read as a request.
    /// `head`, when it arrived, gives the refusal the client's own `x-request-id`.
    private func refuse(_ error: GatewayError, path: String?, head: HTTPRequest?, context: ChannelHandlerContext) {
        reader.refused()
        incoming = nil
        queued.append(.refusal(error, path: path, requestID: RequestIDs.forRequest(sending: head?.headerFields[.requestID])))
        startNext(context)
    }

    /// Writes a refusal in the envelope of `path`'s surface (OpenAI's when no head arrived),
    /// closes the sending side, and lingers until the client closes or the linger time is up.
    private func writeRefusal(_ error: GatewayError, path: String?, requestID: String, context: ChannelHandlerContext) {
        let body = ByteBuffer(bytes: ErrorSurface.forPath(path ?? "/").body(for: error))
        var response = HTTPResponse(status: .init(code: error.status))
        response.headerFields[.contentType] = "application/json"
        response.headerFields[.contentLength] = String(body.readableBytes)
        response.headerFields[.connection] = "close"
        response.headerFields[.requestID] = requestID
        response.headerFields[.date] = HTTPDate.now()
        if let serverName { response.headerFields[.server] = serverName }
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(mode: .output, promise: nil) }
        reader.refusalSent(now: .now())
        scheduleCheck()
    }

    /// Holds reads back while too many pipelined requests wait, or while the route reading a
    /// streamed body has enough of it.
    func read(context: ChannelHandlerContext) {
        if holdsReads {
            readPaused = true
        } else {
            context.read()
        }
    }

    private var holdsReads: Bool {
        if case .passing(_, paused: true) = streamedBody { return true }
        return queued.count >= Self.maxQueued
    }

    private func resumeReadsIfHeld(_ context: ChannelHandlerContext) {
        guard readPaused, !holdsReads else { return }
        readPaused = false
        context.read()
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
        case let malformed as MalformedRequest:
            refuse(malformed.error, path: nil, head: nil, context: context)
        case ChannelEvent.inputClosed:
            // The client sent all it will: answer what it asked, then close.
            ending = .inputClosed
            abandonStreamed()
            answering?.cancel()
            if answering == nil && queued.isEmpty { context.close(promise: nil) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Errors reaching here are fatal to the connection: a failed socket. (Malformed HTTP
    /// arrives as a `MalformedRequest` event, to be refused in its turn.)
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func startNext(_ context: ChannelHandlerContext) {
        guard answering == nil, !queued.isEmpty else { return }
        let next = queued.removeFirst()
        resumeReadsIfHeld(context)
        switch next {
        case .refusal(let error, let path, let requestID):
            writeRefusal(error, path: path, requestID: requestID, context: context)
        case .request(let request, let bodyID):
            answeringBodyID = bodyID
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            let exchange = Exchange(request: request, channel: context.channel, responder: responder, serverName: serverName, logger: logger)
            answering = Task {
                let keepOpen = await exchange.run()
                handler.eventLoop.execute { handler.value.ended(keepOpen: keepOpen) }
            }
            if ending == .inputClosed { answering?.cancel() }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        abandonStreamed()
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
        let announcedClose = closeAfterAnswer
        let answeredBody = answeringBodyID
        closeAfterAnswer = false
        answeringBodyID = nil
        if let answeredBody, streamedBody.id == answeredBody {
            // Answered before its body was all read: the rest is dropped while the client
            // reads the answer, then the connection closes, as after a refusal.
            abandonStreamed()
            reader.refused()
            reader.refusalSent(now: .now())
            context.channel.close(mode: .output, promise: nil)
            resumeReadsIfHeld(context)
            scheduleCheck()
            return
        }
        if !keepOpen || announcedClose || (ending != .open && queued.isEmpty) {
            reader.closed()
            context.close(promise: nil)
            return
        }
        startNext(context)
        reader.answerEnded(idle: answering == nil, now: .now())
        scheduleCheck()
    }

    // MARK: Streamed bodies

    /// Hands a request to its route at its head, its body to follow as it arrives.
    private func streamBody(of head: HTTPRequest, limit: Int, expectsContinue: Bool, context: ChannelHandlerContext) {
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
        streamedBodies += 1
        let id = streamedBodies
        let body = StreamedRequestBody(
            id: id, limit: limit,
            firstRead: { loop.execute { handler.value.bodyFirstRead(id, expectsContinue: expectsContinue) } },
            demanded: { loop.execute { handler.value.bodyDemanded(id) } },
            terminated: { loop.execute { handler.value.bodyAbandoned(id) } }
        )
        streamedBody = .passing(body, paused: false)
        // With `Expect: 100-continue` the client sends nothing until the route asks for the body.
        if expectsContinue { reader.bodyPaused() }
        queued.append(.request(Request(head: head, body: body.body), bodyID: id))
        startNext(context)
    }

    /// Passes a chunk to a streaming route; false when the body is not streamed.
    private func passStreamed(_ chunk: ByteBuffer) -> Bool {
        switch streamedBody {
        case .none:
            return false
        case .dropping:
            return true
        case .passing(var body, let paused):
            body.received += chunk.readableBytes
            guard body.received <= body.limit else {
                body.source.finish(GatewayError.bodyTooLarge)
                streamedBody = .dropping(id: body.id)
                return true
            }
            switch body.source.yield(chunk) {
            case .produceMore:
                streamedBody = .passing(body, paused: paused)
            case .stopProducing:
                streamedBody = .passing(body, paused: true)
                reader.bodyPaused()
            case .dropped:
                streamedBody = .dropping(id: body.id)
            }
            return true
        }
    }

    /// Ends a streamed body; false when the body is not streamed.
    private func endStreamed() -> Bool {
        switch streamedBody {
        case .none:
            return false
        case .passing(let body, _):
            body.source.finish()
        case .dropping:
            break
        }
        streamedBody = .none
        reader.requestEnded()
        return true
    }

    /// The route first asked for its body.
    private func bodyFirstRead(_ id: Int, expectsContinue: Bool) {
        guard expectsContinue, case .passing(let current, _) = streamedBody, current.id == id, let context else { return }
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        if case .passing(let body, paused: false) = streamedBody {
            streamedBody = .passing(body, paused: false)
            reader.bodyResumed(now: .now())
            scheduleCheck()
        }
    }

    /// The route has room for more of its body.
    private func bodyDemanded(_ id: Int) {
        guard case .passing(let body, paused: true) = streamedBody, body.id == id, let context else { return }
        streamedBody = .passing(body, paused: false)
        reader.bodyResumed(now: .now())
        scheduleCheck()
        resumeReadsIfHeld(context)
    }

    /// The route stopped reading its body before the end: the rest is dropped.
    private func bodyAbandoned(_ id: Int) {
        guard case .passing(let body, _) = streamedBody, body.id == id else { return }
        streamedBody = .dropping(id: id)
        reader.bodyResumed(now: .now())
        if let context { resumeReadsIfHeld(context) }
    }

    /// Ends a body still being passed on, for a connection that ends or an answer that is done.
    private func abandonStreamed() {
        if case .passing(let body, _) = streamedBody {
            // The route reading it ends as a request whose client left (499).
            body.source.finish(CancellationError())
        }
        streamedBody = .none
    }

    /// An answer that starts while its request's body is still arriving says it will close
    /// the connection: the rest of that body is not read as a next request.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if let answering = answeringBodyID, streamedBody.id == answering, case .head(var head) = unwrapOutboundIn(data), head.status.code >= 200 {
            head.headerFields[.connection] = "close"
            closeAfterAnswer = true
            context.write(wrapOutboundOut(.head(head)), promise: promise)
            return
        }
        context.write(data, promise: promise)
    }

    // MARK: Timer

    /// A client that stops reading what it asked for holds an answer, and its upstream, only
    /// until `send_timeout` (nginx's name) passes.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        blockedSince = context.channel.isWritable ? nil : .now()
        scheduleCheck()
        context.fireChannelWritabilityChanged()
    }

    /// Makes sure the timer fires no later than the next check; an earlier timer is kept and
    /// re-arms when it fires, far cheaper than rescheduling for every request.
    private func scheduleCheck() {
        var next = reader.nextCheck
        if let blockedSince {
            let sendDue = blockedSince + limits.sendTimeout
            next = next.map { min($0, sendDue) } ?? sendDue
        }
        guard let checkAt = next, let context else { return }
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
        let now = NIODeadline.now()
        if let blockedSince, now >= blockedSince + limits.sendTimeout {
            logger.debug("client stopped reading its answer", metadata: ["switchyard.send_timeout": "\(limits.sendTimeout)"])
            context.close(promise: nil)
            return
        }
        switch reader.timerFired(now: now) {
        case .wait:
            scheduleCheck()
        case .closeSilently:
            context.close(promise: nil)
        case .refuse(let path):
            if case .passing(let body, _) = streamedBody {
                // The route reading the body answers the 408 itself, in its turn.
                body.source.finish(GatewayError.requestStoppedArriving)
                streamedBody = .dropping(id: body.id)
                return
            }
            refuse(.requestStoppedArriving, path: path, head: incoming?.head, context: context)
        case .close:
            context.close(promise: nil)
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

/// A request the HTTP codec could not take: malformed, or a head over the size limit.
struct MalformedRequest {
    let error: GatewayError
}
