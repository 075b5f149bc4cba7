import Synchronization

/// The in-process vector index of the semantic cache: for each bucket (`SemanticCachePrompt`),
/// the unit vectors of the last user turns whose answers were stored, each pointing at its
/// answer's exact key. A lookup compares a vector with every vector of its bucket (brute-force
/// cosine similarity: a bucket holds the variations of one conversation, not the whole cache).
///
/// It holds at most `maxEntries` vectors, the oldest dropped first; a vector lives as long as
/// its answer's time to live, and the caller removes one whose answer the store no longer has
/// (evicted first there). Time comes from the injected clock.
public final class SemanticCacheIndex: Sendable {
    /// A stored answer whose turn is similar enough.
    public struct Match: Sendable, Equatable {
        public let key: ResponseCacheKey
        /// Cosine similarity, at most 1.
        public let similarity: Double
    }

    private struct Entry: Sendable {
        var vector: [Float]
        var key: ResponseCacheKey
        var expires: Double
        var serial: UInt64
    }

    private struct State {
        var buckets: [String: [Entry]] = [:]
        /// Every insertion in order, for dropping the oldest; entries removed since are skipped.
        var order: [(bucket: String, serial: UInt64)] = []
        var head = 0
        var count = 0
        var nextSerial: UInt64 = 0
    }

    private let maxEntries: Int
    private let clock: any GatewayClock
    private let state = Mutex(State())

    public init(maxEntries: Int, clock: any GatewayClock) {
        self.maxEntries = max(maxEntries, 1)
        self.clock = clock
    }

    /// How many vectors it holds.
    public var count: Int { state.withLock { $0.count } }

    /// How many insertions the eviction order remembers (live and dropped).
    var rememberedInsertions: Int { state.withLock { $0.order.count - $0.head } }

    /// Keeps `vector` (a unit vector, see `normalized`) for the answer stored under `key`, for
    /// `ttl` seconds; replaces an earlier vector for the same key.
    public func insert(_ vector: [Float], key: ResponseCacheKey, bucket: String, ttl: Double) {
        let expires = clock.now() + ttl
        state.withLock { state in
            let serial = state.nextSerial
            state.nextSerial += 1
            let entry = Entry(vector: vector, key: key, expires: expires, serial: serial)
            if let at = state.buckets[bucket]?.firstIndex(where: { $0.key == key }) {
                state.buckets[bucket]?[at] = entry
            } else {
                state.buckets[bucket, default: []].append(entry)
                state.count += 1
            }
            state.order.append((bucket, serial))
            while state.count > maxEntries, state.head < state.order.count {
                let oldest = state.order[state.head]
                state.head += 1
                Self.remove(&state, bucket: oldest.bucket) { $0.serial == oldest.serial }
            }
            Self.compact(&state)
        }
    }

    /// The answers of `bucket` whose vectors are at least `threshold` similar to `vector`,
    /// most similar first. Expired vectors are dropped on the way.
    public func matches(for vector: [Float], in bucket: String, threshold: Double) -> [Match] {
        let now = clock.now()
        // Pruned and copied under the lock (a copy of an array is a reference); compared outside it.
        let entries: [Entry] = state.withLock { state in
            guard let entries = state.buckets[bucket] else { return [] }
            if entries.contains(where: { $0.expires <= now }) {
                Self.remove(&state, bucket: bucket) { $0.expires <= now }
            }
            return state.buckets[bucket] ?? []
        }
        var found: [Match] = []
        for entry in entries where entry.vector.count == vector.count {
            let similarity = Self.dot(entry.vector, vector)
            if similarity >= threshold { found.append(Match(key: entry.key, similarity: similarity)) }
        }
        return found.sorted { $0.similarity > $1.similarity }
    }

    /// Drops the vector of `key` (its answer is no longer stored).
    public func remove(_ key: ResponseCacheKey, from bucket: String) {
        state.withLock { Self.remove(&$0, bucket: bucket) { $0.key == key } }
    }

    /// `vector` scaled to length 1; nil when it is empty, zero or not finite.
    public static func normalized(_ vector: [Float]) -> [Float]? {
        var sum: Double = 0
        for value in vector {
            guard value.isFinite else { return nil }
            sum += Double(value) * Double(value)
        }
        guard sum > 0 else { return nil }
        let scale = Float(1 / sum.squareRoot())
        return vector.map { $0 * scale }
    }

    /// The cosine similarity of two unit vectors, clamped to [-1, 1]. Eight lanes at a time: a
    /// plain loop is a strictly ordered sum the compiler may not vectorise (5× slower).
    static func dot(_ a: [Float], _ b: [Float]) -> Double {
        let count = min(a.count, b.count)
        let sum: Float = a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                var lanes = SIMD8<Float>()
                var index = 0
                let stride = MemoryLayout<Float>.stride
                while index + 8 <= count {
                    lanes += a.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Float>.self)
                        * b.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Float>.self)
                    index += 8
                }
                var sum = lanes.sum()
                while index < count {
                    sum += a.load(fromByteOffset: index * stride, as: Float.self) * b.load(fromByteOffset: index * stride, as: Float.self)
                    index += 1
                }
                return sum
            }
        }
        return min(max(Double(sum), -1), 1)
    }

    private static func remove(_ state: inout State, bucket: String, where matches: (Entry) -> Bool) {
        guard var entries = state.buckets[bucket] else { return }
        let before = entries.count
        entries.removeAll(where: matches)
        state.count -= before - entries.count
        state.buckets[bucket] = entries.isEmpty ? nil : entries
    }

    /// Forgets insertions already dropped, once they outnumber the live ones: the order list
    /// stays within a small multiple of `count` however many vectors expire.
    private static func compact(_ state: inout State) {
        guard state.order.count - state.head > 2 * state.count + 1024 else { return }
        var live = Set<UInt64>()
        for entries in state.buckets.values { for entry in entries { live.insert(entry.serial) } }
        state.order = state.order[state.head...].filter { live.contains($0.serial) }
        state.head = 0
    }
}
