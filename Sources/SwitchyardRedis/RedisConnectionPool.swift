import NIOCore
import NIOSSL
import Synchronization

/// At most `maxConnections` connections to one Redis, opened when needed and reused; a
/// command waits for a free one when all are busy. One command is in flight per connection.
public final class RedisConnectionPool: Sendable {
    private struct State {
        var idle: [RedisConnection] = []
        /// Connections open or being opened.
        var open = 0
        /// Commands waiting for a connection; resumed with one, or with nil to open their own.
        var waiters: [CheckedContinuation<RedisConnection?, Never>] = []
        var closed = false
    }

    public let endpoint: RedisEndpoint
    private let maxConnections: Int
    private let group: any EventLoopGroup
    /// Made once: a context reads and parses its certificates. A failure is every connect's.
    private let tls: Result<NIOSSLContext, any Error>?
    private let state = Mutex(State())

    public init(endpoint: RedisEndpoint, maxConnections: Int, group: any EventLoopGroup) {
        self.endpoint = endpoint
        self.maxConnections = max(maxConnections, 1)
        self.group = group
        self.tls = endpoint.tls.map { options in Result { try options.makeContext() } }
    }

    /// Sends a command on a pooled connection.
    public func send(_ arguments: [RESPArgument]) async throws -> RESPValue {
        let connection = try await lease()
        do {
            let reply = try await connection.send(arguments)
            release(connection)
            return reply
        } catch {
            connection.close()
            release(connection)
            throw error
        }
    }

    /// GET: the value, or nil when the key is missing.
    public func get(_ key: String) async throws -> ByteBuffer? {
        switch try await send(["GET", .text(key)]) {
        case .bulkString(let value): return value
        case .error(let message): throw RedisError(message)
        case let other: throw RedisError("unexpected reply to GET: \(other)")
        }
    }

    /// SET with a time to live in milliseconds (at least 1).
    public func set(_ key: String, _ value: ByteBuffer, milliseconds: Int) async throws {
        let reply = try await send(["SET", .text(key), .bytes(value), "PX", .text(String(max(milliseconds, 1)))])
        guard reply == .simpleString("OK") else { throw RedisError("unexpected reply to SET: \(reply)") }
    }

    public func delete(_ key: String) async throws {
        if case .error(let message) = try await send(["DEL", .text(key)]) { throw RedisError(message) }
    }

    public func ping() async throws {
        let reply = try await send(["PING"])
        guard reply == .simpleString("PONG") else { throw RedisError("unexpected reply to PING: \(reply)") }
    }

    /// Closes every idle connection; busy ones close as they come back.
    public func close() {
        let (idle, waiters) = state.withLock { state in
            state.closed = true
            defer { state.idle = []; state.waiters = [] }
            return (state.idle, state.waiters)
        }
        for connection in idle { connection.close() }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    private enum Next {
        case use(RedisConnection), connect, wait
    }

    private func lease() async throws -> RedisConnection {
        let decision: Next = state.withLock { self.next(&$0) }
        switch decision {
        case .use(let connection): return connection
        case .connect: return try await connect()
        case .wait:
            let handed = await withCheckedContinuation { continuation in
                // Checked again under the lock: a connection may have come back since.
                let ready: Next = state.withLock { state in
                    let ready = self.next(&state)
                    if case .wait = ready { state.waiters.append(continuation) }
                    return ready
                }
                switch ready {
                case .use(let connection): continuation.resume(returning: connection)
                case .connect: continuation.resume(returning: nil)
                case .wait: break
                }
            }
            // nil: a slot was freed for this command to open its own connection.
            if let handed { return handed }
            return try await connect()
        }
    }

    /// An idle open connection, else a free slot (counted at once), else wait.
    private func next(_ state: inout State) -> Next {
        while let connection = state.idle.popLast() {
            if connection.isActive { return .use(connection) }
            state.open -= 1
        }
        if state.open < maxConnections || state.closed {
            state.open += 1
            return .connect
        }
        return .wait
    }

    /// Opens a connection in a slot already counted in `open`.
    private func connect() async throws -> RedisConnection {
        do {
            return try await RedisConnection.connect(to: endpoint, tls: tls?.get(), group: group)
        } catch {
            freeSlot()
            throw error
        }
    }

    private func release(_ connection: RedisConnection) {
        guard connection.isActive else { return freeSlot() }
        let waiter: CheckedContinuation<RedisConnection?, Never>? = state.withLock { state in
            if state.closed { return nil }
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.idle.append(connection)
            return nil
        }
        if let waiter {
            waiter.resume(returning: connection)
        } else if state.withLock({ $0.closed }) {
            connection.close()
        }
    }

    /// A connection closed or never opened: its slot goes to a waiter, else back to the pool.
    private func freeSlot() {
        let waiter: CheckedContinuation<RedisConnection?, Never>? = state.withLock { state in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.open -= 1
            return nil
        }
        waiter?.resume(returning: nil)
    }
}
