import Glibc
import Synchronization

/// Counts the client connections open across every event loop, to refuse those past the cap,
/// and gives memory back to the system once a crowd of connections has gone.
final class OpenConnections: Sendable {
    let limit: Int
    private let count = Atomic<Int>(0)
    /// The most connections open since memory was last given back.
    private let peak = Atomic<Int>(0)

    /// A crowd at least this large leaves memory worth giving back when it goes.
    static let crowd = 1024

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot for a new connection; false when every slot is taken.
    func admit() -> Bool {
        let (_, added) = count.add(1, ordering: .relaxed)
        guard added > limit else {
            if added >= Self.crowd { peak.max(added, ordering: .relaxed) }
            return true
        }
        count.subtract(1, ordering: .relaxed)
        return false
    }

    func release() {
        let (_, left) = count.subtract(1, ordering: .relaxed)
        // The allocator keeps the memory of thousands of closed connections (buffers, channels)
        // for reuse and fragments it; once the crowd is gone it is returned, once per crowd.
        guard left < Self.crowd / 4, peak.load(ordering: .relaxed) >= Self.crowd,
            peak.exchange(0, ordering: .relaxed) >= Self.crowd
        else { return }
        Task.detached(priority: .background) { SystemAllocator.giveBackFreeMemory() }
    }

    var current: Int { count.load(ordering: .relaxed) }
}

/// The C library's allocator.
enum SystemAllocator {
    /// glibc's `malloc_trim(0)`: returns free memory in every arena to the system. It is not in
    /// the Glibc module's headers, so it is looked up at run time (and skipped elsewhere).
    static func giveBackFreeMemory() {
        guard let symbol = trim else { return }
        _ = symbol(0)
    }

    private typealias Trim = @convention(c) (Int) -> Int32
    nonisolated(unsafe) private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim").map {
        unsafeBitCast($0, to: Trim.self)
    }
}
