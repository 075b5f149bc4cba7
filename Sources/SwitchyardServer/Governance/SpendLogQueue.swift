import Synchronization
import SwitchyardCore

/// Spend log rows waiting for the next batch write. Bounded: when writes fall behind and it
/// fills, new rows are refused and counted (`switchyard_spend_logs_dropped_total`) and a
/// warning is logged, never silently lost.
final class SpendLogQueue: Sendable {
    private struct State {
        var entries: [SpendLogEntry] = []
        var dropped = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// Adds `entry`; false when the queue is full and the row was refused.
    @discardableResult
    func enqueue(_ entry: SpendLogEntry) -> Bool {
        state.withLock { state in
            guard state.entries.count < capacity else {
                state.dropped += 1
                return false
            }
            state.entries.append(entry)
            return true
        }
    }

    /// Everything queued, emptying the queue.
    func drain() -> [SpendLogEntry] {
        state.withLock { state in
            defer { state.entries.removeAll(keepingCapacity: true) }
            return state.entries
        }
    }

    /// Puts back rows a failed write could not store, ahead of newer ones.
    func requeue(_ entries: [SpendLogEntry]) {
        state.withLock { state in
            let room = max(0, capacity - state.entries.count)
            let kept = entries.prefix(room)
            state.dropped += entries.count - kept.count
            state.entries.insert(contentsOf: kept, at: 0)
        }
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// Rows refused so far, and resets the count (for the warning each sync logs).
    func takeDropped() -> Int {
        state.withLock { state in
            defer { state.dropped = 0 }
            return state.dropped
        }
    }
}
