import Synchronization

/// The in-process store: least recently used answers go first once it holds more than
/// `maxEntries` answers or `maxBytes` bytes; an answer past its time to live is a miss (and
/// is dropped when met). Time comes from the injected clock, so tests never sleep.
public final class LocalResponseCache: ResponseCacheStore {
    private let maxEntries: Int
    private let maxBytes: Int
    private let clock: any GatewayClock
    private let state: Mutex<LRUList>

    public init(maxEntries: Int, maxBytes: Int, clock: any GatewayClock) {
        self.maxEntries = max(maxEntries, 1)
        self.maxBytes = max(maxBytes, 1)
        self.clock = clock
        self.state = Mutex(LRUList())
    }

    public func get(_ key: ResponseCacheKey) async throws -> CachedAnswer? {
        let now = clock.now()
        return state.withLock { list in
            guard let slot = list.slots[key.description] else { return nil }
            guard list.nodes[slot].expires > now else {
                list.remove(slot)
                return nil
            }
            list.moveToFront(slot)
            return list.nodes[slot].answer
        }
    }

    public func set(_ key: ResponseCacheKey, _ answer: CachedAnswer, ttl: Double) async throws {
        let size = answer.size
        guard size <= maxBytes else { return }  // never evict everything for one answer
        let expires = clock.now() + ttl
        state.withLock { list in
            if let slot = list.slots[key.description] { list.remove(slot) }
            list.insertFront(key: key.description, answer: answer, size: size, expires: expires)
            while list.count > maxEntries || list.bytes > maxBytes, let last = list.tail { list.remove(last) }
        }
    }

    public func delete(_ key: ResponseCacheKey) async throws {
        state.withLock { list in
            if let slot = list.slots[key.description] { list.remove(slot) }
        }
    }

    /// How many answers and bytes it holds now.
    public var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.count, $0.bytes) }
    }
}

/// A doubly linked list in an array (free slots reused), most recently used first.
private struct LRUList {
    struct Node {
        var key: String
        var answer: CachedAnswer
        var size: Int
        var expires: Double
        var previous: Int?
        var next: Int?
    }

    var nodes: [Node] = []
    var slots: [String: Int] = [:]
    var free: [Int] = []
    var head: Int?
    var tail: Int?
    var bytes = 0
    var count: Int { slots.count }

    mutating func insertFront(key: String, answer: CachedAnswer, size: Int, expires: Double) {
        let node = Node(key: key, answer: answer, size: size, expires: expires, previous: nil, next: head)
        let slot: Int
        if let reused = free.popLast() {
            nodes[reused] = node
            slot = reused
        } else {
            nodes.append(node)
            slot = nodes.count - 1
        }
        if let head { nodes[head].previous = slot }
        head = slot
        if tail == nil { tail = slot }
        slots[key] = slot
        bytes += size
    }

    mutating func remove(_ slot: Int) {
        unlink(slot)
        slots[nodes[slot].key] = nil
        bytes -= nodes[slot].size
        // Release the body now, not when the slot is reused.
        nodes[slot].answer.body = .init()
        free.append(slot)
    }

    mutating func moveToFront(_ slot: Int) {
        guard head != slot else { return }
        unlink(slot)
        nodes[slot].next = head
        if let head { nodes[head].previous = slot }
        head = slot
        if tail == nil { tail = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let (previous, next) = (nodes[slot].previous, nodes[slot].next)
        if let previous { nodes[previous].next = next } else { head = next }
        if let next { nodes[next].previous = previous } else { tail = previous }
        nodes[slot].previous = nil
        nodes[slot].next = nil
    }
}
