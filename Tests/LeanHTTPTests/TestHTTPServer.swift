import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, with routes that misbehave on purpose.
///
/// Responses are written as raw bytes (no response encoder) so that routes can send exactly the
/// framing a test needs, including broken framing.
final class TestHTTPServer: Sendable {
    /// Lets a test hold back each chunk of `/stream` until it has seen the previous one.
    final class Gate: Sendable {
        private struct State {
            var opened: Set<Int> = []
            var waiters: [Int: [CheckedContinuation<Void, Never>]] = [:]
        }

        private let state = NIOLockedValueBox(State())

        func open(_ index: Int) {
            let waiters = self.state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
                state.opened.insert(index)
                return state.waiters.removeValue(forKey: index) ?? []
            }
            for waiter in waiters { waiter.resume() }
        }

        func wait(_ index: Int) async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let isOpen = self.state.withLockedValue { state -> Bool in
                    if state.opened.contains(index) { return true }
                    state.waiters[index, default: []].append(continuation)
                    return false
                }
                if isOpen { continuation.resume() }
            }
        }
    }

    let acceptedConnections = Atomic<Int>(0)
    let closedConnections = Atomic<Int>(0)
    /// Complete requests received, whatever the route did with them.
    let requestsReceived = Atomic<Int>(0)
    /// Chunks of `/stream` already written, so a test can check the server is held back.
    let streamChunksSent = Atomic<Int>(0)
    let gate = Gate()
    private let echoed = NIOLockedValueBox<[String]>([])
    /// The bodies `/echo` received, in order.
    var echoedBodies: [String] { self.echoed.withLockedValue { $0 } }
    func recordEcho(_ body: ByteBuffer) { self.echoed.withLockedValue { $0.append(String(buffer: body)) } }
    private let serverChannel = NIOLockedValueBox<(any Channel)?>(nil)
    /// Serves TLS in front of the same routes.
    let isTLS: Bool

    private init(isTLS: Bool) {
        self.isTLS = isTLS
    }

    var port: Int {
        self.serverChannel.withLockedValue { $0?.localAddress?.port ?? 0 }
    }

    var baseURL: String { "\(self.isTLS ? "https" : "http")://127.0.0.1:\(self.port)" }

    /// Starts the server; with `tls`, every connection begins with a TLS handshake.
    static func start(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        tls: NIOSSLContext? = nil
    ) async throws -> TestHTTPServer {
        let server = TestHTTPServer(isTLS: tls != nil)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                server.acceptedConnections.add(1, ordering: .relaxed)
                channel.closeFuture.whenComplete { _ in
                    server.closedConnections.add(1, ordering: .relaxed)
                }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(HTTPRequestDecoder()),
                        RouteHandler(server: server)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        server.serverChannel.withLockedValue { $0 = channel }
        return server
    }

    func shutdown() async throws {
        let channel = self.serverChannel.withLockedValue { $0 }
        try await channel?.close()
    }

    var accepted: Int { self.acceptedConnections.load(ordering: .relaxed) }
    var closed: Int { self.closedConnections.load(ordering: .relaxed) }
    var requests: Int { self.requestsReceived.load(ordering: .relaxed) }
}

/// Serves one connection; routes by path, see each case.
private final class RouteHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart

    private let server: TestHTTPServer
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var requestsOnConnection = 0

    init(server: TestHTTPServer) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body.clear()
        case .body(var part):
            self.body.writeBuffer(&part)
        case .end:
            guard let head = self.head else { return }
            self.requestsOnConnection += 1
            self.server.requestsReceived.add(1, ordering: .relaxed)
            self.respond(context: context, head: head)
        }
    }

    private func write(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(NIOAny(ByteBuffer(string: text)), promise: nil)
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead) {
        let channel = context.channel
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        let query = head.uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        switch path {
        case "/echo":
            // Echoes the body, and reports what framing headers arrived so tests can check them.
            self.server.recordEcho(self.body)
            var response = ByteBuffer()
            response.writeString("HTTP/1.1 200 OK\r\nContent-Length: \(self.body.readableBytes)\r\n")
            response.writeString("x-method: \(head.method.rawValue)\r\n")
            response.writeString("x-host: \(head.headers["host"].joined(separator: ","))\r\n")
            response.writeString("x-content-length: \(head.headers["content-length"].joined(separator: ","))\r\n")
            response.writeString("x-transfer-encoding: \(head.headers["transfer-encoding"].joined(separator: ","))\r\n")
            response.writeString("x-header-count: \(head.headers.count)\r\n\r\n")
            response.writeImmutableBuffer(self.body)
            context.writeAndFlush(NIOAny(response), promise: nil)
        case "/hello":
            self.write(context, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
        case "/head":
            // Says a body of 5 bytes exists; for HEAD none follows and the client must not wait for it.
            if head.method == .HEAD {
                self.write(context, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
            } else {
                self.write(context, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
            }
        case "/close":
            context.writeAndFlush(
                NIOAny(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nbye"))
            ).whenComplete { _ in channel.close(promise: nil) }
        case "/close-delimited":
            // No length and no chunking: the body ends when the server closes.
            context.writeAndFlush(
                NIOAny(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end"))
            ).whenComplete { _ in channel.close(promise: nil) }
        case "/close-idle-later":
            self.write(context, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(50)) {
                context.close(promise: nil)
            }
        case "/drop-second":
            if self.requestsOnConnection >= 2 {
                context.close(promise: nil)
            } else {
                self.write(context, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst")
            }
        case "/partial-second":
            if self.requestsOnConnection >= 2 {
                context.writeAndFlush(NIOAny(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Le"))).whenComplete { _ in
                    channel.close(promise: nil)
                }
            } else {
                self.write(context, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst")
            }
        case "/hang":
            break
        case "/slow-body":
            // Half a body, then nothing.
            self.write(context, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst-part")
        case "/big":
            let size = Int(query.split(separator: "=").last ?? "") ?? 0
            var response = ByteBuffer()
            response.writeString("HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n")
            response.writeRepeatingByte(UInt8(ascii: "x"), count: size)
            context.writeAndFlush(NIOAny(response), promise: nil)
        case "/chunked-burst":
            // Several chunks and the terminator in one write.
            self.write(
                context,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\none\r\n3\r\ntwo\r\n5\r\nthree\r\n0\r\n\r\n"
            )
        case "/stream":
            let count = Int(query.split(separator: "=").last ?? "") ?? 3
            self.write(context, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            self.streamChunk(context: context, index: 0, count: count)
        default:
            self.write(context, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        }
    }

    /// Sends chunk `index`, then waits until the test opened the gate for it, then a short pause.
    private func streamChunk(context: ChannelHandlerContext, index: Int, count: Int) {
        guard index < count else {
            self.write(context, "0\r\n\r\n")
            return
        }
        let payload = "data: \(index)\n\n"
        // Counted before the write, so a client that already holds the chunk never sees a stale count.
        self.server.streamChunksSent.add(1, ordering: .relaxed)
        self.write(context, String(payload.utf8.count, radix: 16) + "\r\n" + payload + "\r\n")
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let gate = self.server.gate
        let eventLoop = context.eventLoop
        Task {
            await gate.wait(index)
            try? await Task.sleep(for: .milliseconds(20))
            eventLoop.execute {
                let (handler, context) = loopBound.value
                handler.streamChunk(context: context, index: index + 1, count: count)
            }
        }
    }
}
