import Foundation
import NIOCore
import Synchronization
import Testing

@testable import SwitchyardCore

@Suite struct ResponseCacheKeyTests {
    static func key(_ json: String, operation: String = "chat/completions", model: String = "gpt-4o", namespace: String? = nil) throws -> ResponseCacheKey {
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        return ResponseCacheKey(operation: operation, model: model, body: body, namespace: namespace)
    }

    @Test func keyOrderWhitespaceAndNumberSpellingDoNotMatter() throws {
        let plain = try Self.key(#"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"temperature":1,"top_p":0.5}"#)
        let spaced = try Self.key("""
            {
              "top_p" : 5e-1, "temperature": 1.0,
              "messages": [ { "content": "h\\u0069", "role": "user" } ],
              "model": "gpt-4o"
            }
            """)
        #expect(plain == spaced)
        #expect(plain.digest.count == 64)
    }

    @Test func whatChangesTheAnswerChangesTheKey() throws {
        let base = #"{"messages":[{"role":"user","content":"hi"}]}"#
        let key = try Self.key(base)
        #expect(try Self.key(base, model: "gpt-4o-mini") != key)
        #expect(try Self.key(base, operation: "completions") != key)
        #expect(try Self.key(base, namespace: "team-a") != key)
        #expect(try Self.key(#"{"messages":[{"role":"user","content":"hi"}],"temperature":0.2}"#) != key)
        #expect(try Self.key(#"{"messages":[{"role":"user","content":"hi"}],"stream":true}"#) != key)
        #expect(try Self.key(#"{"messages":[{"content":"hi","role":"system"}]}"#) != key)
    }

    @Test func gatewayControlsAndLabelsAreLeftOut() throws {
        let key = try Self.key(#"{"messages":[]}"#)
        let labelled = try Self.key(#"{"messages":[],"cache":{"ttl":5},"metadata":{"a":1},"user":"u","tags":["t"],"fallbacks":["x"],"guardrails":["g"]}"#)
        #expect(key == labelled)
    }

    @Test func namespacesPrefixTheStoredKey() throws {
        #expect(try Self.key("{}", namespace: "ns").description.hasPrefix("ns:switchyard:cache:"))
        #expect(try Self.key("{}").description.hasPrefix("switchyard:cache:"))
    }

    @Test func canonicalNumbers() {
        #expect(CanonicalJSON.format(1.0) == "1")
        #expect(CanonicalJSON.format(-0.0) == "0")
        #expect(CanonicalJSON.format(0.1) == "0.1")
        #expect(CanonicalJSON.format(1e300) == "1e+300")
    }
}

@Suite struct LocalResponseCacheTests {
    final class Clock: GatewayClock {
        let time = Mutex(0.0)
        func now() -> Double { time.withLock { $0 } }
        func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
        func sleep(seconds: Double) async throws {}
    }

    static func key(_ n: Int) -> ResponseCacheKey {
        ResponseCacheKey(operation: "chat/completions", model: "m", body: .object(["n": .number(Double(n))]), namespace: nil)
    }

    static func answer(_ bytes: Int) -> CachedAnswer {
        CachedAnswer(contentType: "application/json", isStream: false, body: ByteBuffer(repeating: 0x61, count: bytes), storedAt: 0)
    }

    @Test func answersExpireAfterTheirTTL() async throws {
        let clock = Clock()
        let cache = LocalResponseCache(maxEntries: 10, maxBytes: 1 << 20, clock: clock)
        try await cache.set(Self.key(1), Self.answer(10), ttl: 60)
        clock.advance(59)
        #expect(try await cache.get(Self.key(1)) != nil)
        clock.advance(2)
        #expect(try await cache.get(Self.key(1)) == nil)
        #expect(cache.usage.entries == 0, "dropped when met")
    }

    @Test func theLeastRecentlyUsedGoFirstPastTheEntryLimit() async throws {
        let cache = LocalResponseCache(maxEntries: 3, maxBytes: 1 << 20, clock: Clock())
        for n in 1...3 { try await cache.set(Self.key(n), Self.answer(10), ttl: 60) }
        _ = try await cache.get(Self.key(1))  // 2 is now the least recently used
        try await cache.set(Self.key(4), Self.answer(10), ttl: 60)
        #expect(try await cache.get(Self.key(2)) == nil)
        for n in [1, 3, 4] { #expect(try await cache.get(Self.key(n)) != nil) }
        #expect(cache.usage.entries == 3)
    }

    @Test func theLeastRecentlyUsedGoFirstPastTheByteLimit() async throws {
        let size = Self.answer(1000).size
        let cache = LocalResponseCache(maxEntries: 100, maxBytes: size * 3, clock: Clock())
        for n in 1...3 { try await cache.set(Self.key(n), Self.answer(1000), ttl: 60) }
        try await cache.set(Self.key(4), Self.answer(1000), ttl: 60)
        #expect(try await cache.get(Self.key(1)) == nil)
        #expect(cache.usage.bytes == size * 3)
        // One answer larger than the whole cache is not kept (and evicts nothing).
        try await cache.set(Self.key(5), Self.answer(size * 4), ttl: 60)
        #expect(try await cache.get(Self.key(5)) == nil)
        #expect(cache.usage.entries == 3)
        try await cache.delete(Self.key(4))
        #expect(try await cache.get(Self.key(4)) == nil)
    }

    @Test func theEnvelopeRoundTrips() {
        let answer = CachedAnswer(
            contentType: "text/event-stream", isStream: true, body: ByteBuffer(string: "data: {}\n\n"), promptTokens: 12, completionTokens: 34,
            storedAt: 1_795_521_600.5
        )
        #expect(CachedAnswer(decoding: answer.encoded()) == answer)
        #expect(CachedAnswer(decoding: ByteBuffer(string: "not an envelope")) == nil)
    }
}

@Suite struct CacheConfigTests {
    static func load(_ settings: String, environment: [String: String] = [:]) -> ConfigLoadResult {
        ConfigLoader.load(yaml: """
            model_list:
              - model_name: gpt-4o
                litellm_params: {model: openai/gpt-4o, api_key: sk-x}
              - model_name: embedder
                litellm_params: {model: openai/text-embedding-3-small, api_key: sk-x}
            litellm_settings:
            \(settings)
            """, environment: environment)
    }

    @Test func defaultsAreALocalCacheOfEveryTextOperation() throws {
        let cache = try #require(Self.load("  cache: true").config?.litellm.cache)
        #expect(cache.backend == .local(maxEntries: 10_000, maxBytes: 256 * 1024 * 1024))
        #expect(cache.ttl == 600)
        #expect(cache.mode == .defaultOn)
        #expect(cache.operations.isSuperset(of: ["chat/completions", "messages", "generateContent", "responses", "completions", "embeddings"]))
        #expect(Self.load("  cache: false").config?.litellm.cache == nil)
    }

    @Test func cacheParamsAreRead() throws {
        let result = Self.load("""
              cache: true
              cache_params:
                type: local
                ttl: 30
                namespace: prod
                mode: default_off
                supported_call_types: [acompletion, aembedding]
                max_entries: 5
                max_bytes: 1000
            """)
        #expect(result.errors.isEmpty)
        let cache = try #require(result.config?.litellm.cache)
        #expect(cache.backend == .local(maxEntries: 5, maxBytes: 1000))
        #expect(cache.ttl == 30 && cache.namespace == "prod" && cache.mode == .defaultOff)
        #expect(cache.operations == ["chat/completions", "messages", "generateContent", "streamGenerateContent", "embeddings", "embedContent", "batchEmbedContents"])
    }

    @Test func redisFromTheConfigAndTheEnvironment() throws {
        let fromEnvironment = Self.load("""
              cache: true
              cache_params: {type: redis, password: os.environ/CACHE_PW}
            """, environment: ["REDIS_HOST": "cache.internal", "REDIS_PORT": "6380", "CACHE_PW": "pw"])
        #expect(fromEnvironment.config?.litellm.cache?.backend == .redis(RedisSettings(host: "cache.internal", port: 6380, password: "pw")))
        let fromURL = Self.load("""
              cache: true
              cache_params: {type: redis, url: "rediss://u:p%40ss@r.example:7000/2", ssl: true}
            """)
        #expect(fromURL.config?.litellm.cache?.backend == .redis(RedisSettings(host: "r.example", port: 7000, username: "u", password: "p@ss", database: 2, tls: true)))
    }

    @Test func semanticCachingIsRead() throws {
        let local = Self.load("""
              cache: true
              cache_params: {type: local, similarity_threshold: 0.9, semantic_cache_embedding_model: embedder, max_entries: 50}
            """)
        #expect(local.problems.isEmpty, "\(local.problems)")
        let semantic = try #require(local.config?.litellm.cache?.semantic)
        #expect(semantic == SemanticCacheSettings(similarityThreshold: 0.9, embeddingModel: "embedder", maxEntries: 50))
        #expect(local.config?.litellm.cache?.backend == .local(maxEntries: 50, maxBytes: CacheSettings.defaultMaxBytes))

        // redis-semantic: answers in Redis; LiteLLM's other spelling of the model key.
        let redis = Self.load("""
              cache: true
              cache_params: {type: redis-semantic, host: r.internal, similarity_threshold: 0.8, redis_semantic_cache_embedding_model: embedder}
            """)
        #expect(redis.problems.isEmpty, "\(redis.problems)")
        #expect(redis.config?.litellm.cache?.backend == .redis(RedisSettings(host: "r.internal")))
        #expect(redis.config?.litellm.cache?.semantic?.embeddingModel == "embedder")
        #expect(Self.load("  cache: true\n  cache_params: {type: redis}").config?.litellm.cache?.semantic == nil, "exact only")
    }

    @Test func semanticMistakesAreReportedWithTheirPath() {
        func errors(_ params: String) -> String {
            Self.load("  cache: true\n  cache_params: \(params)").errors.map(\.description).joined(separator: "\n")
        }
        #expect(errors("{similarity_threshold: 0.9, semantic_cache_embedding_model: nope}")
            == "litellm_settings.cache_params.semantic_cache_embedding_model: nope is not a model_name in model_list")
        #expect(errors("{type: redis-semantic, similarity_threshold: 0.9}").contains(
            "litellm_settings.cache_params.semantic_cache_embedding_model: text-embedding-ada-002 (LiteLLM's default embedding model) is not a model_name"))
        #expect(errors("{type: redis-semantic, semantic_cache_embedding_model: embedder}").contains("litellm_settings.cache_params.similarity_threshold: required"))
        #expect(errors("{semantic_cache_embedding_model: embedder}").contains("similarity_threshold: required"))
        #expect(errors("{similarity_threshold: 1.5, semantic_cache_embedding_model: embedder}").contains("similarity_threshold: must be a cosine similarity in (0, 1]"))
        #expect(errors("{similarity_threshold: 0, semantic_cache_embedding_model: embedder}").contains("similarity_threshold: must be greater than 0"))
        #expect(errors("{similarity_threshold: 0.9, semantic_cache_embedding_model: embedder, redis_semantic_cache_embedding_model: gpt-4o}")
            .contains("redis_semantic_cache_embedding_model: names gpt-4o, but litellm_settings.cache_params.semantic_cache_embedding_model names embedder"))
        #expect(errors("{type: qdrant-semantic, similarity_threshold: 0.9, semantic_cache_embedding_model: embedder}")
            .contains("litellm_settings.cache_params.type: qdrant-semantic needs a Qdrant server"))
    }

    @Test func redisTLSFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("redis-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ca = directory.appendingPathComponent("ca.pem").path
        let certificate = directory.appendingPathComponent("client.pem").path
        let key = directory.appendingPathComponent("client.key").path
        for path in [ca, certificate, key] { FileManager.default.createFile(atPath: path, contents: Data("pem".utf8)) }
        let read = Self.load("""
              cache: true
              cache_params: {type: redis, url: "rediss://cache.internal:6380", ssl_ca_certs: \(ca), ssl_certfile: \(certificate), ssl_keyfile: \(key)}
            """)
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.config?.litellm.cache?.backend == .redis(RedisSettings(
            host: "cache.internal", port: 6380, tls: true, caCertificatesPath: ca, certificatePath: certificate, keyPath: key
        )))
        let fromEnvironment = Self.load("  cache: true\n  cache_params: {type: redis}", environment: ["REDIS_SSL": "true", "REDIS_SSL_CA_CERTS": ca])
        #expect(fromEnvironment.config?.litellm.cache?.backend == .redis(RedisSettings(tls: true, caCertificatesPath: ca)))

        let unverified = Self.load("  cache: true\n  cache_params: {type: redis, ssl: true, ssl_cert_reqs: none}")
        #expect(unverified.warnings.contains { $0.description.contains("ssl_cert_reqs: the Redis server's TLS certificate is not verified") })
        #expect(unverified.config?.litellm.cache?.backend == .redis(RedisSettings(tls: true, verifyCertificate: false)))

        let missing = Self.load("  cache: true\n  cache_params: {type: redis, ssl: true, ssl_ca_certs: /nonexistent/ca.pem, ssl_certfile: \(certificate)}")
        let text = missing.problems.map(\.description).joined(separator: "\n")
        #expect(text.contains("litellm_settings.cache_params.ssl_ca_certs: no such file: /nonexistent/ca.pem"))
        #expect(text.contains("litellm_settings.cache_params.ssl_certfile: needs ssl_keyfile"))
        let plain = Self.load("  cache: true\n  cache_params: {type: redis, ssl_ca_certs: \(ca)}")
        #expect(plain.warnings.contains { $0.description.contains("ssl_ca_certs: ignored: TLS is off") })
    }

    @Test func mistakesAreReportedWithTheirPath() {
        let result = Self.load("""
              cache: true
              cache_params: {type: s3, ttl: -1, mode: sometimes, supported_call_types: [chat], colour: red}
            """)
        let text = result.problems.map(\.description).joined(separator: "\n")
        #expect(text.contains("litellm_settings.cache_params.type"))
        #expect(text.contains("litellm_settings.cache_params.ttl"))
        #expect(text.contains("unknown mode"))
        #expect(text.contains("unknown call type \"chat\""))
        #expect(text.contains("litellm_settings.cache_params.colour") && text.contains("unknown key"))
        let ignored = Self.load("  cache_params: {ttl: 5}")
        #expect(ignored.warnings.contains { $0.description.contains("cache: true") })
    }
}
