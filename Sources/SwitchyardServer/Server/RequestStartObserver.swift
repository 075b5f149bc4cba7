import NIOCore

/// Told when the first bytes of a request arrive on a connection waiting for one.
protocol RequestStartListener: AnyObject {
    var awaitsRequest: Bool { get }
    func requestStarted()
}

/// Sits in front of the HTTP decoder and tells the connection handler when the first bytes
/// of a request arrive, which the decoder itself only reports once the whole head is in:
/// from that moment the head is timed by `client_header_timeout`, not the keep-alive timeout.
final class RequestStartObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let listener: any RequestStartListener

    init(listener: any RequestStartListener) {
        self.listener = listener
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if listener.awaitsRequest { listener.requestStarted() }
        context.fireChannelRead(data)
    }
}
