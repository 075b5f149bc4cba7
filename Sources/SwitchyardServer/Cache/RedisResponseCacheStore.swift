import NIOCore
import ServiceLifecycle
import SwitchyardCore
import SwitchyardRedis

/// Cached answers in Redis, shared by every replica: one value per key (the answer's
/// envelope), expired by Redis itself (`SET … PX`).
struct RedisResponseCacheStore: ResponseCacheStore {
    let pool: RedisConnectionPool

    func get(_ key: ResponseCacheKey) async throws -> CachedAnswer? {
        guard let value = try await pool.get(key.description) else { return nil }
        return CachedAnswer(decoding: value)
    }

    func set(_ key: ResponseCacheKey, _ answer: CachedAnswer, ttl: Double) async throws {
        try await pool.set(key.description, answer.encoded(), milliseconds: Int((ttl * 1000).rounded(.up)))
    }

    func delete(_ key: ResponseCacheKey) async throws {
        try await pool.delete(key.description)
    }
}

/// Closes the Redis connections when the gateway shuts down.
struct RedisPoolService: Service {
    let pool: RedisConnectionPool

    func run() async throws {
        try? await gracefulShutdown()
        pool.close()
    }
}

extension RedisEndpoint {
    init(_ settings: RedisSettings) {
        self.init(
            host: settings.host, port: settings.port, username: settings.username, password: settings.password, database: settings.database,
            tls: settings.tls
                ? RedisTLS(
                    caCertificatesPath: settings.caCertificatesPath, certificatePath: settings.certificatePath, keyPath: settings.keyPath,
                    verifyCertificate: settings.verifyCertificate
                ) : nil,
            timeout: settings.timeout
        )
    }
}
