import Synchronization

/// Counts the client connections open across every event loop, to refuse those past the cap.
final class OpenConnections: Sendable {
    let limit: Int
    private let count = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot for a new connection; false when every slot is taken.
    func admit() -> Bool {
        let (_, added) = count.add(1, ordering: .relaxed)
        guard added > limit else { return true }
        count.subtract(1, ordering: .relaxed)
        return false
    }

    func release() {
        count.subtract(1, ordering: .relaxed)
    }

    var current: Int { count.load(ordering: .relaxed) }
}
