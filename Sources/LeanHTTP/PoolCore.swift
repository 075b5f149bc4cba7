import NIOConcurrencyHelpers
import NIOCore

/// The pool's shared state; ``HTTP1ConnectionPool`` is its public face and the connection
/// handlers hold this, not the public object.
///
/// Connections per host are capped: a request that finds no idle connection and no free slot
/// waits in a FIFO queue until a connection is released or closes, or its deadline passes.
final class PoolCore: Sendable {
    private struct State {
        var hosts: [PoolKey: HostState] = [:]
        /// Every open connection, so that shutdown can close the busy ones too.
        var live: [ObjectIdentifier: LeanConnection] = [:]
        var nextWaiterID: UInt64 = 0
        var isShutdown = false
    }

    // A pthread mutex rather than Synchronization.Mutex: on Linux the latter is a
    // priority-inheritance futex, slow to hand over under contention (swiftlang/swift#88440)
    // and invisible to ThreadSanitizer.
    private let state = NIOLockedValueBox(State())
    let configuration: HTTP1ConnectionPool.Configuration
    let group: any EventLoopGroup
    let tlsContexts = TLSContextCache()

    init(group: any EventLoopGroup, configuration: HTTP1ConnectionPool.Configuration) {
        self.group = group
        self.configuration = configuration
    }

    // MARK: Leases

    /// An idle connection to `key` (of the calling event loop when it has one), or a slot to
    /// open one; waits for either when the host is at its cap.
    ///
    /// - Parameter allowIdle: `false` after a stale idle connection, so the retry gets a new
    ///   connection unless it has to wait (a connection handed over from a finished response
    ///   has just proven alive).
    /// - Throws: ``LeanHTTPError/poolWaitTimeout`` when `deadline` passes in the queue,
    ///   ``LeanHTTPError/poolShutdown``, or `CancellationError`.
    func lease(_ key: PoolKey, deadline: NIODeadline, allowIdle: Bool) async throws -> Lease {
        let loop = IdleStacks<LeanConnection>.currentLoop
        let cap = self.configuration.maxConnectionsPerHost
        let immediate = try self.state.withLockedValue { state throws(LeanHTTPError) -> Lease? in
            guard !state.isShutdown else { throw .poolShutdown }
            return state.hosts[key, default: HostState()].lease(preferring: loop, cap: cap, allowIdle: allowIdle)
        }
        if let immediate { return immediate }
        return try await self.wait(for: key, deadline: deadline)
    }

    private func wait(for key: PoolKey, deadline: NIODeadline) async throws -> Lease {
        let id = self.state.withLockedValue { state in
            state.nextWaiterID &+= 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Lease, any Error>) in
                // A slot may have been freed since the first look: lease it rather than queue.
                let cap = self.configuration.maxConnectionsPerHost
                let leased = self.state.withLockedValue { state -> Result<Lease, LeanHTTPError>? in
                    guard !state.isShutdown else { return .failure(.poolShutdown) }
                    if let lease = state.hosts[key, default: HostState()].lease(preferring: nil, cap: cap, allowIdle: true) {
                        return .success(lease)
                    }
                    state.hosts[key, default: HostState()].enqueue(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let leased {
                    continuation.resume(with: leased.mapError { $0 as any Error })
                    return
                }
                let timer = self.group.any().scheduleTask(deadline: deadline) {
                    self.endWait(key, id: id, with: LeanHTTPError.poolWaitTimeout)
                }
                let queued = self.state.withLockedValue { $0.hosts[key]?.setTimer(timer, forWaiter: id) ?? false }
                if !queued { timer.cancel() }
            }
        } onCancel: {
            self.endWait(key, id: id, with: CancellationError())
        }
    }

    private func endWait(_ key: PoolKey, id: UInt64, with error: any Error) {
        let waiter = self.state.withLockedValue { $0.hosts[key]?.removeWaiter(id: id) }
        guard let waiter else { return }
        waiter.timer?.cancel()
        waiter.continuation.resume(throwing: error)
    }

    /// Gives back a slot that was leased to open a connection but not used, or whose attempt failed.
    func returnSlot(_ key: PoolKey) {
        let waiter = self.state.withLockedValue { state in
            let waiter = state.hosts[key]?.slotFreed()
            Self.dropIfUnused(key, in: &state)
            return waiter
        }
        Self.resume(waiter, with: .connect)
    }

    // MARK: Connection events

    /// A connection whose response is complete: handed to the first waiter, else put back on
    /// its stack.
    /// - Returns: `false` when the caller must close it instead (stack full, or shut down).
    func release(_ connection: LeanConnection) -> Bool {
        let maxIdle = self.configuration.maxIdleConnectionsPerHost
        let action = self.state.withLockedValue { state -> HostState.ReleaseAction in
            guard !state.isShutdown else { return .close }
            return state.hosts[connection.key, default: HostState()].release(connection, maxIdle: maxIdle)
        }
        switch action {
        case .handOver(let waiter):
            Self.resume(waiter, with: .reuse(connection))
            return true
        case .stacked:
            return true
        case .close:
            return false
        }
    }

    /// Takes an idle connection off its stack so it can be closed for idling too long.
    /// - Returns: `false` when a caller took it in the meantime.
    func removeIdle(_ connection: LeanConnection) -> Bool {
        self.state.withLockedValue { state in
            state.hosts[connection.key]?.removeIdle(connection) ?? false
        }
    }

    /// Registers a newly opened connection, which from now on holds its slot until it closes.
    /// - Returns: `false` when the pool was shut down meanwhile.
    func register(_ connection: LeanConnection) -> Bool {
        self.state.withLockedValue { state in
            guard !state.isShutdown else { return false }
            state.live[ObjectIdentifier(connection)] = connection
            return true
        }
    }

    /// Forgets a connection whose channel became inactive, and frees its slot.
    func connectionClosed(_ connection: LeanConnection) {
        let waiter = self.state.withLockedValue { state -> Waiter? in
            _ = state.hosts[connection.key]?.removeIdle(connection)
            // Only a registered connection holds a slot; one that closed while opening gave
            // its slot back through `returnSlot`.
            guard state.live.removeValue(forKey: ObjectIdentifier(connection)) != nil else { return nil }
            let waiter = state.hosts[connection.key]?.slotFreed()
            Self.dropIfUnused(connection.key, in: &state)
            return waiter
        }
        Self.resume(waiter, with: .connect)
    }

    private static func dropIfUnused(_ key: PoolKey, in state: inout State) {
        if state.hosts[key]?.isUnused == true { state.hosts[key] = nil }
    }

    private static func resume(_ waiter: Waiter?, with lease: Lease) {
        guard let waiter else { return }
        waiter.timer?.cancel()
        waiter.continuation.resume(returning: lease)
    }

    // MARK: Introspection and shutdown

    func idleCount(for key: PoolKey) -> Int {
        self.state.withLockedValue { $0.hosts[key]?.idle.count ?? 0 }
    }

    func waiterCount(for key: PoolKey) -> Int {
        self.state.withLockedValue { $0.hosts[key]?.waiterCount ?? 0 }
    }

    func openCount(for key: PoolKey) -> Int {
        self.state.withLockedValue { $0.hosts[key]?.open ?? 0 }
    }

    var isShutdown: Bool {
        self.state.withLockedValue { $0.isShutdown }
    }

    /// Marks the pool shut down, fails every waiting request and closes every connection,
    /// idle or busy.
    func shutdown() async {
        let (connections, waiters) = self.state.withLockedValue { state -> ([LeanConnection], [Waiter]) in
            state.isShutdown = true
            let all = Array(state.live.values)
            var waiters: [Waiter] = []
            for key in state.hosts.keys {
                waiters += state.hosts[key]?.removeAllWaiters() ?? []
            }
            state.live = [:]
            state.hosts = [:]
            return (all, waiters)
        }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: LeanHTTPError.poolShutdown)
        }
        for connection in connections {
            connection.channel.close(promise: nil)
        }
        for connection in connections {
            try? await connection.channel.closeFuture.get()
        }
    }
}
