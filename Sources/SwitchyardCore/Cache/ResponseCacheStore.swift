/// Where cached answers are kept: in this process (`LocalResponseCache`) or shared by
/// replicas (Redis).
///
/// A store that cannot answer throws; the caller counts that as a miss, never as a failed
/// request.
public protocol ResponseCacheStore: Sendable {
    func get(_ key: ResponseCacheKey) async throws -> CachedAnswer?
    /// Keeps `answer` for `ttl` seconds.
    func set(_ key: ResponseCacheKey, _ answer: CachedAnswer, ttl: Double) async throws
    func delete(_ key: ResponseCacheKey) async throws
}
