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

    /// The largest answer stored: past it a captured stream is let go (it is still relayed).
    var maxEntryBytes: Int {
        switch settings.backend {
        case .local(_, let maxBytes): min(maxBytes, Self.maxRedisEntryBytes)
        case .redis: Self.maxRedisEntryBytes
        }
    }

    /// Redis takes values up to 512 MB; one answer this large is already rare.
    static let maxRedisEntryBytes = 32 * 1024 * 1024

    func get(_ key: ResponseCacheKey, logger: Logger) async -> CachedAnswer? {
        do {
            return try await store.get(key)
        } catch {
            failed("get", error, logger: logger)
            return nil
        }
    }

    func set(_ key: ResponseCacheKey, _ answer: CachedAnswer, ttl: Double, logger: Logger) async {
        guard answer.body.readableBytes <= maxEntryBytes else { return }
        do {
            try await store.set(key, answer, ttl: ttl)
            metrics.increment(GatewayMetrics.cacheBytes, ["direction": "stored"], by: Double(answer.body.readableBytes))
        } catch {
            failed("set", error, logger: logger)
        }
    }

    private func failed(_ call: String, _ error: any Error, logger: Logger) {
        metrics.increment(GatewayMetrics.cacheErrors, ["backend": backend, "call": call])
        logger.warning("response cache unavailable", metadata: ["switchyard.cache_backend": .string(backend), "switchyard.error": .string("\(error)")])
    }
}
