import NIOCore

/// The pool's bookkeeping for one host, port and TLS trust: its idle connections, how many
/// connections are open or opening, and the requests waiting for one, first come first served.
///
/// Each event is a `mutating func` that returns what the caller must do outside the pool's
/// lock (resume a waiter, close a connection), so that no continuation runs under the lock.
struct HostState {
    /// Idle connections, most recently used on top: reusing the warmest connection lets the
    /// others reach the idle timeout and close when load drops.
    private(set) var idle = IdleStacks<LeanConnection>()
    /// Connections open or being opened; at most the pool's cap.
    private(set) var open = 0
    private var waiters = CircularBuffer<Waiter>()

    var waiterCount: Int { self.waiters.count }

    /// Nothing left to remember: the host's entry can be dropped.
    var isUnused: Bool { self.open == 0 && self.waiters.isEmpty && self.idle.count == 0 }

    /// An idle connection that is still open (from `loop` when it has one), else a slot to
    /// open a new connection while under `cap`; `nil` when the caller must wait.
    mutating func lease(preferring loop: ObjectIdentifier?, cap: Int, allowIdle: Bool) -> Lease? {
        if allowIdle {
            while let connection = self.idle.pop(preferring: loop) {
                if connection.channel.isActive { return .reuse(connection) }
            }
        }
        guard self.open < cap else { return nil }
        self.open += 1
        return .connect
    }

    mutating func enqueue(_ waiter: Waiter) {
        self.waiters.append(waiter)
    }

    /// Stores the timer of a waiter that is still queued; `false` when it was served already.
    mutating func setTimer(_ timer: Scheduled<Void>, forWaiter id: UInt64) -> Bool {
        guard let index = self.waiters.firstIndex(where: { $0.id == id }) else { return false }
        self.waiters[index].timer = timer
        return true
    }

    /// Takes a waiter out of the queue (its deadline passed, or its task was cancelled).
    mutating func removeWaiter(id: UInt64) -> Waiter? {
        guard let index = self.waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return self.waiters.remove(at: index)
    }

    enum ReleaseAction {
        /// Resume the waiter with the connection.
        case handOver(Waiter)
        /// The connection is on the idle stack.
        case stacked
        /// No room: close the connection.
        case close
    }

    /// A connection finished its response and can take another request.
    mutating func release(_ connection: LeanConnection, maxIdle: Int) -> ReleaseAction {
        if let waiter = self.waiters.popFirst() { return .handOver(waiter) }
        guard self.idle.count < maxIdle else { return .close }
        self.idle.push(connection)
        return .stacked
    }

    /// Takes an idle connection off its stack; `false` when it is not there (a caller has it).
    mutating func removeIdle(_ connection: LeanConnection) -> Bool {
        self.idle.remove(connection)
    }

    /// A connection closed, or opening one failed: its slot goes to the first waiter, who
    /// opens a connection of its own.
    mutating func slotFreed() -> Waiter? {
        self.open -= 1
        guard let waiter = self.waiters.popFirst() else { return nil }
        self.open += 1
        return waiter
    }

    /// Empties the queue, for shutdown.
    mutating func removeAllWaiters() -> [Waiter] {
        let all = Array(self.waiters)
        self.waiters.removeAll()
        return all
    }
}
