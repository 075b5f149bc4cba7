import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Sets up each accepted connection: NIO's HTTP/1.1 request decoder, the gateway's codec
/// (HTTP types in, response bytes out, 400 on malformed HTTP), and the gateway's handler
/// (which orders pipelined requests and closes connections on shutdown itself).
struct GatewayConnections<Responder: HTTPResponder>: ServerChildChannel
where Responder.Context == GatewayRequestContext {
    struct Connection: ServerChildChannelValue {
        let channel: any Channel
    }

    let responder: Responder
    let maxRequestBodyBytes: Int
    let gracefulShutdownTimeout: TimeAmount
    let maxHeaderBytes: Int
    let serverName: String?
    let logger: Logger

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Connection> {
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
            try pipeline.addHandler(GatewayHTTPCodec(maxHeaderBytes: maxHeaderBytes))
            try pipeline.addHandler(
                GatewayConnectionHandler(
                    responder: responder,
                    maxRequestBodyBytes: maxRequestBodyBytes,
                    gracefulShutdownTimeout: gracefulShutdownTimeout,
                    serverName: serverName,
                    logger: self.logger
                )
            )
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
