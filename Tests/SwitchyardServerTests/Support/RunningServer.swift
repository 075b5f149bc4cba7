import Hummingbird
import NIOCore

/// A real server on an ephemeral loopback port, stopped by cancelling its task.
struct RunningServer: Sendable {
    let port: Int
    let task: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// Builds an application bound to port 0 and runs it until `stop()`.
    static func start<App: ApplicationProtocol>(
        _ build: @escaping @Sendable (@escaping @Sendable (any Channel) async -> Void) throws -> App
    ) async throws -> RunningServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try build { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw CancellationError()
        }
        return RunningServer(port: port, task: task)
    }
}
