import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Sets up each accepted connection: an observer of the first bytes of each request, NIO's
/// HTTP/1.1 request decoder, the gateway's codec (HTTP types in, response bytes out, 400 on
/// malformed HTTP), and the gateway's handler (which orders pipelined requests, times the
/// client, and closes connections on shutdown itself). A connection past `max_connections`
/// is closed as soon as it is accepted.
struct GatewayConnections<Responder: HTTPResponder>: ServerChildChannel
where Responder.Context == GatewayRequestContext {
    struct Connection: ServerChildChannelValue {
        let channel: any Channel
    }

    let responder: Responder
    let limits: ConnectionLimits
    let openConnections: OpenConnections
    let serverName: String?
    let logger: Logger

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Connection> {
        guard openConnections.admit() else {
            // Set up before it is registered, the channel can only be closed once it is active.
            return channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(CloseOnActive())
                return Connection(channel: channel)
            }
        }
        let openConnections = self.openConnections
        channel.closeFuture.whenComplete { _ in openConnections.release() }
        return channel.eventLoop.makeCompletedFuture {
            let handler = GatewayConnectionHandler(responder: responder, limits: limits, serverName: serverName, logger: self.logger)
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(RequestStartObserver(listener: handler))
            try pipeline.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
            try pipeline.addHandler(GatewayHTTPCodec(maxHeaderBytes: limits.maxHeaderBytes))
            try pipeline.addHandler(handler)
            return Connection(channel: channel)
        }
    }

    /// The handler does the work on the event loop; the server's task only waits for the close,
    /// and closes the connection when it is cancelled (a hard stop).
    func handle(value: Connection, logger: Logger) async {
        await withTaskCancellationHandler {
            try? await value.channel.closeFuture.get()
        } onCancel: {
            value.channel.close(promise: nil)
        }
    }
}

/// Closes a connection as soon as it is active: the one past `max_connections`.
private final class CloseOnActive: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        context.close(promise: nil)
    }
}
