import NIOCore
import Synchronization

/// One keep-alive connection: the thread-safe handle that the pool stacks and callers hold,
/// in front of the event-loop-bound handler that does the work.
final class LeanConnection: Sendable, LoopAffine {
    let channel: any Channel
    let key: PoolKey
    /// Identifies the channel's event loop, for the pool's per-loop stacks.
    let loop: ObjectIdentifier
    private let handler: NIOLoopBound<LeanConnectionHandler>
    /// Tags each request so that a late cancellation of an earlier request, arriving after the
    /// connection was handed to the next caller, cannot cancel the wrong one.
    private let requestIDs = Atomic<UInt64>(0)

    /// Must be called on the channel's event loop.
    init(channel: any Channel, key: PoolKey, handler: LeanConnectionHandler) {
        self.channel = channel
        self.key = key
        self.loop = ObjectIdentifier(channel.eventLoop)
        self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
    }

    /// Sends `request` and returns when the response head arrived.
    ///
    /// - Throws: `LeanConnectionHandler.StaleConnection` when `reused` and the server closed the connection
    ///   without sending a byte (the caller retries once on a fresh connection), otherwise
    ///   ``LeanHTTPError`` or `CancellationError`.
    func send(_ request: PreparedRequest, deadline: NIODeadline, reused: Bool) async throws -> LeanResponse {
        let id = self.requestIDs.add(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<LeanResponse, any Error>) in
                let eventLoop = self.channel.eventLoop
                if eventLoop.inEventLoop {
                    self.handler.value.start(request, id: id, deadline: deadline, reused: reused, continuation: continuation)
                } else {
                    eventLoop.execute {
                        self.handler.value.start(request, id: id, deadline: deadline, reused: reused, continuation: continuation)
                    }
                }
            }
        } onCancel: {
            self.onEventLoop { $0.cancelRequest(id: id) }
        }
    }

    /// The consumer drained the queue: read from the socket again.
    func resumeReading(_ stream: BodyStream) {
        self.onEventLoop { $0.resumeReading(stream) }
    }

    /// The consumer stopped before the end of `stream`: close the connection.
    func abandon(_ stream: BodyStream) {
        self.onEventLoop { $0.abandon(stream) }
    }

    /// Always enqueued, even when already on the loop: these calls can come from a deinit or a
    /// cancellation handler that runs inside another handler's callback, and must not re-enter it.
    private func onEventLoop(_ body: @escaping @Sendable (LeanConnectionHandler) -> Void) {
        self.channel.eventLoop.execute { body(self.handler.value) }
    }
}
