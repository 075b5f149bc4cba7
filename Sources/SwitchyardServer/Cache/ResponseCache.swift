import Logging
import NIOCore
import SwitchyardCore

/// The gateway's response cache: the configured settings and store, with the metrics and
/// logging every lookup and write share. A store that fails is a miss (or an answer not
/// stored), logged and counted, never a failed request.
struct ResponseCache: Sendable {
    let settings: CacheSettings
    let store: any ResponseCacheStore
    /// `local` or `redis`, the errors metric's label.
    let backend: String
    let metrics: GatewayMetrics
    let clock: any GatewayClock
    /// The vectors of the semantic lookups, when `similarity_threshold` is set.
    let semanticIndex: SemanticCacheIndex?

    init(settings: CacheSettings, store: any ResponseCacheStore, backend: String, metrics: GatewayMetrics, clock: any GatewayClock) {
        self.settings = settings
        self.store = store
        self.backend = backend
        self.metrics = metrics
        self.clock = clock
        self.semanticIndex = settings.semantic.map { SemanticCacheIndex(maxEntries: $0.maxEntries, clock: clock) }
    }

    /// The largest answer stored: past it a captured stream is let go (it is still relayed).
    var maxEntryBytes: Int {
        switch settings.backend {
        case .local(_, let maxBytes): min(maxBytes, Self.maxRedisEntryBytes)
        case .redis: Self.maxRedisEntryBytes
        }
    }

    /// Redis takes values up to 512 MB; one answer this large is already rare.
    static let maxRedisEntryBytes = 32 * 1024 * 1024

    /// What the store said about one key.
    enum StoreAnswer {
        case found(CachedAnswer)
        case absent
        /// The store failed (logged and counted): nothing is known about the key.
        case unavailable
    }

    func get(_ key: ResponseCacheKey, logger: Logger) async -> CachedAnswer? {
        if case .found(let answer) = await find(key, logger: logger) { return answer }
        return nil
    }

    func find(_ key: ResponseCacheKey, logger: Logger) async -> StoreAnswer {
        do {
            return try await store.get(key).map(StoreAnswer.found) ?? .absent
        } catch {
            failed("get", error, backend: backend, logger: logger)
            return .unavailable
        }
    }

    /// Stores `answer`; whether the store took it.
    @discardableResult
    func set(_ key: ResponseCacheKey, _ answer: CachedAnswer, ttl: Double, logger: Logger) async -> Bool {
        guard answer.body.readableBytes <= maxEntryBytes else { return false }
        do {
            try await store.set(key, answer, ttl: ttl)
            metrics.increment(GatewayMetrics.cacheBytes, ["direction": "stored"], by: Double(answer.body.readableBytes))
            return true
        } catch {
            failed("set", error, backend: backend, logger: logger)
            return false
        }
    }

    /// A semantic lookup whose embedding call failed: a plain miss, logged and counted.
    func embeddingFailed(_ error: any Error, logger: Logger) {
        failed("embed", error, backend: "embeddings", logger: logger)
    }

    private func failed(_ call: String, _ error: any Error, backend: String, logger: Logger) {
        metrics.increment(GatewayMetrics.cacheErrors, ["backend": backend, "call": call])
        logger.warning("response cache unavailable", metadata: ["switchyard.cache_backend": .string(backend), "switchyard.error": .string("\(error)")])
    }
}
