import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A client socket that sends what a test says, when it says, and records what came back
/// and whether (and when) the server closed.
final class RawConnection: Sendable {
    private final class Recorder: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received = NIOLockedValueBox("")
        let closed: EventLoopPromise<Void>

        init(closed: EventLoopPromise<Void>) {
            self.closed = closed
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let text = String(buffer: unwrapInboundIn(data))
            received.withLockedValue { $0 += text }
        }

        func channelInactive(context: ChannelHandlerContext) {
            closed.succeed()
        }
    }

    private let channel: any Channel
    private let recorder: Recorder

    private init(channel: any Channel, recorder: Recorder) {
        self.channel = channel
        self.recorder = recorder
    }

    /// - Parameter reading: false leaves what the server sends unread (and the receive buffer
    ///   small) until `startReading()`, as a client that stopped reading.
    static func open(port: Int, reading: Bool = true) async throws -> RawConnection {
        let group = MultiThreadedEventLoopGroup.singleton
        let recorder = Recorder(closed: group.any().makePromise())
        var bootstrap = ClientBootstrap(group: group).channelOption(.autoRead, value: reading)
        if !reading { bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: 4096) }
        let channel = try await bootstrap
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(recorder) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, recorder: recorder)
    }

    func startReading() async throws {
        try await channel.setOption(.autoRead, value: true)
        channel.read()
    }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    var received: String { recorder.received.withLockedValue { $0 } }

    /// Waits for the server to close, at most `seconds`; returns how long it took, nil if it
    /// did not close in time (the connection is then closed from this side).
    func closedByServer(within seconds: Double) async -> Duration? {
        let started = ContinuousClock.now
        let giveUp = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { [channel] in
            channel.close(promise: nil)
        }
        try? await recorder.closed.futureResult.get()
        let waited = ContinuousClock.now - started
        guard waited < .milliseconds(Int64(seconds * 1000)) else { return nil }
        giveUp.cancel()
        return waited
    }

    /// Waits until what arrived contains `text` (checked as bytes come in), at most `seconds`.
    func waitFor(_ text: String, within seconds: Double = 5) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if received.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return received.contains(text)
    }

    func close() {
        channel.close(promise: nil)
    }
}
