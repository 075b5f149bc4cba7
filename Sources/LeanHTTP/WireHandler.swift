import NIOCore
import NIOHTTP1

/// The handler next to the socket: sends the pre-serialized request bytes and notes whether any
/// response bytes arrived.
///
/// The response decoder must observe an outbound `HTTPRequestHead` (it needs the method to frame
/// responses to HEAD), so requests travel the pipeline as `HTTPClientRequestPart`s; this handler
/// then drops the head, whose bytes are already inside the body buffer.
final class WireHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = ByteBuffer

    /// Counts socket reads that delivered bytes. A request on a reused connection may only be
    /// retried if this did not move, i.e. the server sent nothing before closing.
    private(set) var readsWithBytes = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.readsWithBytes &+= 1
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch self.unwrapOutboundIn(data) {
        case .head, .end:
            promise?.succeed(())
        case .body(.byteBuffer(let buffer)):
            context.write(self.wrapOutboundOut(buffer), promise: promise)
        case .body(.fileRegion(let region)):
            context.write(NIOAny(IOData.fileRegion(region)), promise: promise)
        }
    }
}
