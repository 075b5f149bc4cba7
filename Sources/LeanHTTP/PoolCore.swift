import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// The pool's shared state and the code that opens connections; ``HTTP1ConnectionPool`` is its
/// public face and the connection handlers hold this, not the public object.
final class PoolCore: Sendable {
    private struct State {
        /// Idle connections per host, most recently used on top: reusing the warmest connection
        /// lets the others reach the idle timeout and close when load drops.
        var idle: [PoolKey: IdleStacks<LeanConnection>] = [:]
        /// Every open connection, so that shutdown can close the busy ones too.
        var live: [ObjectIdentifier: LeanConnection] = [:]
        var isShutdown = false
    }

    // A pthread mutex rather than Synchronization.Mutex: on Linux the latter is a
    // priority-inheritance futex, slow to hand over under contention (swiftlang/swift#88440)
    // and invisible to ThreadSanitizer.
    private let state = NIOLockedValueBox(State())
    let configuration: HTTP1ConnectionPool.Configuration
    let group: any EventLoopGroup

    init(group: any EventLoopGroup, configuration: HTTP1ConnectionPool.Configuration) {
        self.group = group
        self.configuration = configuration
    }

    /// Takes the most recently used idle connection to `key`, of the calling event loop when it
    /// has one, skipping any that already closed.
    func checkout(_ key: PoolKey) -> LeanConnection? {
        let loop = IdleStacks<LeanConnection>.currentLoop
        return self.state.withLockedValue { state in
            while let connection = state.idle[key]?.pop(preferring: loop) {
                if connection.channel.isActive { return connection }
            }
            return nil
        }
    }

    /// Puts a connection whose response is complete back on its stack.
    /// - Returns: `false` when the caller must close it instead (stack full, or shut down).
    func release(_ connection: LeanConnection) -> Bool {
        self.state.withLockedValue { state in
            guard !state.isShutdown else { return false }
            let limit = self.configuration.maxIdleConnectionsPerHost
            guard state.idle[connection.key, default: IdleStacks<LeanConnection>()].count < limit else { return false }
            state.idle[connection.key, default: IdleStacks<LeanConnection>()].push(connection)
            return true
        }
    }

    /// Takes an idle connection off its stack so it can be closed for idling too long.
    /// - Returns: `false` when a caller took it in the meantime.
    func removeIdle(_ connection: LeanConnection) -> Bool {
        self.state.withLockedValue { state in
            Self.removeIdle(connection, from: &state)
        }
    }

    /// Forgets a connection whose channel became inactive.
    func connectionClosed(_ connection: LeanConnection) {
        self.state.withLockedValue { state in
            _ = Self.removeIdle(connection, from: &state)
            state.live[ObjectIdentifier(connection)] = nil
        }
    }

    private static func removeIdle(_ connection: LeanConnection, from state: inout State) -> Bool {
        state.idle[connection.key]?.remove(connection) ?? false
    }

    func idleCount(for key: PoolKey) -> Int {
        self.state.withLockedValue { $0.idle[key]?.count ?? 0 }
    }

    /// Opens a new connection to `key`, bounded by both the connect timeout and `deadline`.
    func connect(_ key: PoolKey, deadline: NIODeadline) async throws -> LeanConnection {
        let now = NIODeadline.now()
        guard now < deadline else { throw LeanHTTPError.deadlineExceeded }
        let remaining = deadline - now
        let limitedByDeadline = remaining < self.configuration.connectTimeout
        // `any()` is the calling event loop when it belongs to the group: the new connection
        // then serves its caller without a thread hop.
        let bootstrap = ClientBootstrap(group: self.group.any())
            .connectTimeout(limitedByDeadline ? remaining : self.configuration.connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let wire = WireHandler()
                    let handler = LeanConnectionHandler(pool: self, wire: wire)
                    try channel.pipeline.syncOperations.addHandlers(
                        wire,
                        ByteToMessageHandler(HTTPResponseDecoder(informationalResponseStrategy: .drop)),
                        handler
                    )
                }
            }

        let connection: LeanConnection
        do {
            connection = try await bootstrap.connect(host: key.host, port: key.port).flatMapThrowing { channel in
                let handler = try channel.pipeline.syncOperations.handler(type: LeanConnectionHandler.self)
                let connection = LeanConnection(channel: channel, key: key, handler: handler)
                handler.connection = connection
                return connection
            }.get()
        } catch let error as ChannelError {
            if case .connectTimeout = error {
                throw limitedByDeadline ? LeanHTTPError.deadlineExceeded : LeanHTTPError.connectTimeout
            }
            throw LeanHTTPError.connectFailed(error)
        } catch {
            throw LeanHTTPError.connectFailed(error)
        }

        let registered = self.state.withLockedValue { state in
            guard !state.isShutdown else { return false }
            state.live[ObjectIdentifier(connection)] = connection
            return true
        }
        guard registered else {
            connection.channel.close(promise: nil)
            throw LeanHTTPError.poolShutdown
        }
        // A channel that closed before it was registered would never be removed from `live`.
        guard connection.channel.isActive else {
            self.connectionClosed(connection)
            throw LeanHTTPError.connectionClosed
        }
        return connection
    }

    var isShutdown: Bool {
        self.state.withLockedValue { $0.isShutdown }
    }

    /// Marks the pool shut down and closes every connection, idle or busy.
    func shutdown() async {
        let connections = self.state.withLockedValue { state -> [LeanConnection] in
            state.isShutdown = true
            let all = Array(state.live.values)
            state.live = [:]
            state.idle = [:]
            return all
        }
        for connection in connections {
            connection.channel.close(promise: nil)
        }
        for connection in connections {
            try? await connection.channel.closeFuture.get()
        }
    }
}
