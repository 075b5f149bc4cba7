import NIOCore
import NIOTLS

/// Completes a promise when the TLS handshake behind it finishes, then leaves the pipeline so
/// that it costs nothing per request.
final class TLSHandshakeObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<Void>
    private var completed = false

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event, !self.completed {
            self.completed = true
            self.promise.succeed(())
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.fail(LeanHTTPError.tlsFailed(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.fail(LeanHTTPError.connectionClosed)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.fail(LeanHTTPError.connectionClosed)
    }

    private func fail(_ error: LeanHTTPError) {
        guard !self.completed else { return }
        self.completed = true
        self.promise.fail(error)
    }
}
