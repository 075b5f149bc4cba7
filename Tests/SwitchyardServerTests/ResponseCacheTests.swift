import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import SwitchyardCore
import SwitchyardRedis
import Synchronization
import Testing

/// The response cache through the HTTP surface: the fake upstream's journal proves a hit
/// never calls it.
@Suite struct ResponseCacheTests {
    static let cacheHeader = HTTPField.Name("x-switchyard-cache")!

    static func config(_ upstream: FakeOpenAIUpstream, cacheParams: String = "{}") throws -> GatewayConfig {
        try TestConfig.load(TestConfig.single(upstream: upstream, settings: settings(cacheParams: cacheParams)))
    }

    /// The cache on with `cacheParams`, the master key `sk-master-123`, spend written at once.
    static func settings(cacheParams: String) -> String {
        """
        litellm_settings:
          cache: true
          cache_params: \(cacheParams)
        general_settings:
          master_key: sk-master-123
          proxy_batch_write_at: 0.05
        """
    }

    static func chat(
        _ client: any TestClientProtocol, _ body: String, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.authorization] = "Bearer sk-master-123"
        return try await client.execute(uri: "/v1/chat/completions", method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    static func ask(_ question: String, extra: String = "") -> String {
        #"{"model":"gpt-4o","messages":[{"role":"user","content":"\#(question)"}]\#(extra)}"#
    }

    @Test func aSecondIdenticalRequestIsAHitThatNeverReachesTheUpstream() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client async throws in
            let first = try await Self.chat(client, Self.ask("capital of France?"))
            #expect(first.status == .ok)
            #expect(first.headers[Self.cacheHeader] == "miss")
            let second = try await Self.chat(client, Self.ask("capital of France?"))
            #expect(second.status == .ok)
            #expect(second.headers[Self.cacheHeader] == "hit")
            #expect(second.body == first.body)
            #expect(second.headers[.contentType] == "application/json")
            #expect(second.headers[HTTPField.Name("x-credits-used")!] == "0")
            #expect(upstream.requests.count == 1)

            // Key order and whitespace do not matter; numbers are compared as numbers.
            let reordered = #"{ "messages" : [ { "content":"capital of France?", "role":"user" } ],"model":"gpt-4o" }"#
            #expect(try await Self.chat(client, reordered).headers[Self.cacheHeader] == "hit")
            let withTemperature = try await Self.chat(client, Self.ask("capital of France?", extra: #","temperature":1"#))
            #expect(withTemperature.headers[Self.cacheHeader] == "miss", "a different parameter is a different answer")
            #expect(try await Self.chat(client, Self.ask("capital of France?", extra: #","temperature":1.0"#)).headers[Self.cacheHeader] == "hit")
            #expect(try await Self.chat(client, Self.ask("capital of Germany?")).headers[Self.cacheHeader] == "miss")
            // Gateway-only members and the caller's labels do not change the key.
            let labelled = Self.ask("capital of France?", extra: #","user":"ada","metadata":{"run":7},"tags":["x"]"#)
            #expect(try await Self.chat(client, labelled).headers[Self.cacheHeader] == "hit")
            #expect(upstream.requests.count == 3)

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"switchyard_cache_requests_total{operation="chat/completions",result="hit"} 4"#))
            #expect(metrics.contains(#"switchyard_cache_requests_total{operation="chat/completions",result="miss"} 3"#))
            #expect(metrics.contains(#"switchyard_cache_bytes_total{direction="served"}"#))
        }
    }

    @Test func errorsAreNeverCached() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.sequence([.error(status: 400, message: "bad", type: "invalid_request_error"), .openAI()]))
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client async throws in
            let failed = try await Self.chat(client, Self.ask("hello"))
            #expect(failed.status == .badRequest)
            #expect(failed.headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, Self.ask("hello")).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, Self.ask("hello")).headers[Self.cacheHeader] == "hit")
            #expect(upstream.requests.count == 2)
        }
    }

    @Test func streamsAreReplayedAsTheSameEvents() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client async throws in
            let body = Self.ask("stream please", extra: #","stream":true"#)
            let first = try await Self.chat(client, body)
            #expect(first.headers[Self.cacheHeader] == "miss")
            #expect(String(buffer: first.body).hasSuffix("data: [DONE]\n\n"))
            let second = try await Self.chat(client, body)
            #expect(second.headers[Self.cacheHeader] == "hit")
            #expect(second.headers[.contentType] == "text/event-stream")
            #expect(second.body == first.body, "the same events in the same order, byte for byte")
            #expect(upstream.requests.count == 1)
            // A whole answer is not a stream: the key includes `stream`.
            #expect(try await Self.chat(client, Self.ask("stream please")).headers[Self.cacheHeader] == "miss")
        }
    }

    @Test func aBrokenStreamIsNotCached() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.sequence([.truncatedStream, .openAI()]))
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client async throws in
            let body = Self.ask("half", extra: #","stream":true"#)
            _ = try await Self.chat(client, body)
            #expect(try await Self.chat(client, body).headers[Self.cacheHeader] == "miss")
            #expect(upstream.requests.count == 2)
        }
    }

    @Test func perRequestControls() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let clock = ManualClock()
        try await withGateway(try Self.config(upstream), clock: clock) { client async throws in
            // x-switchyard-cache: false skips the lookup but stores the answer.
            let skipped = try await Self.chat(client, Self.ask("a"), headers: [Self.cacheHeader: "false"])
            #expect(skipped.headers[Self.cacheHeader] == "bypass")
            #expect(try await Self.chat(client, Self.ask("a"), headers: [Self.cacheHeader: "false"]).headers[Self.cacheHeader] == "bypass")
            #expect(try await Self.chat(client, Self.ask("a")).headers[Self.cacheHeader] == "hit")
            #expect(upstream.requests.count == 2)

            // no-cache skips the lookup; no-store keeps nothing. `cache` never goes upstream.
            #expect(try await Self.chat(client, Self.ask("a", extra: #","cache":{"no-cache":true}"#)).headers[Self.cacheHeader] == "bypass")
            #expect(upstream.requests.last?.json["cache"] == nil)
            #expect(try await Self.chat(client, Self.ask("b", extra: #","cache":{"no-store":true}"#)).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, Self.ask("b")).headers[Self.cacheHeader] == "miss")

            // A namespace is a cache of its own.
            #expect(try await Self.chat(client, Self.ask("a", extra: #","cache":{"namespace":"team-x"}"#)).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, Self.ask("a", extra: #","cache":{"namespace":"team-x"}"#)).headers[Self.cacheHeader] == "hit")

            // A request's ttl replaces the configured one (600 s).
            #expect(try await Self.chat(client, Self.ask("c", extra: #","cache":{"ttl":5}"#)).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, Self.ask("a")).headers[Self.cacheHeader] == "hit")
            clock.advance(by: 6)
            #expect(try await Self.chat(client, Self.ask("c")).headers[Self.cacheHeader] == "miss", "expired after its own ttl")
            #expect(try await Self.chat(client, Self.ask("a")).headers[Self.cacheHeader] == "hit", "still within the configured ttl")
            clock.advance(by: 600)
            #expect(try await Self.chat(client, Self.ask("a")).headers[Self.cacheHeader] == "miss", "expired after the configured ttl")

            let invalid = try await Self.chat(client, Self.ask("a", extra: #","cache":{"ttl":"soon"}"#))
            #expect(invalid.status == .badRequest)
        }
    }

    @Test func defaultOffCachesOnlyRequestsThatOptIn() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream, cacheParams: "{mode: default_off}")) { client async throws in
            #expect(try await Self.chat(client, Self.ask("q")).headers[Self.cacheHeader] == "bypass")
            #expect(try await Self.chat(client, Self.ask("q")).headers[Self.cacheHeader] == "bypass")
            let optIn = Self.ask("q", extra: #","cache":{"use-cache":true}"#)
            #expect(try await Self.chat(client, optIn).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, optIn).headers[Self.cacheHeader] == "hit")
            #expect(upstream.requests.count == 3)
        }
    }

    @Test func statefulResponsesCallsAreNotCached() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client async throws in
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/responses", method: .post, headers: [.contentType: "application/json", .authorization: "Bearer sk-master-123"],
                    body: ByteBuffer(string: body)
                )
            }
            #expect(try await post(#"{"model":"gpt-4o","input":"hi"}"#).headers[Self.cacheHeader] == "bypass")
            #expect(try await post(#"{"model":"gpt-4o","input":"hi"}"#).headers[Self.cacheHeader] == "bypass")
            #expect(try await post(#"{"model":"gpt-4o","input":"hi","store":false}"#).headers[Self.cacheHeader] == "miss")
            #expect(try await post(#"{"model":"gpt-4o","input":"hi","store":false}"#).headers[Self.cacheHeader] == "hit")
            #expect(upstream.requests.count == 3)
        }
    }

    @Test func aHitCostsNothingAndIsLoggedWithWhatItSaved() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client async throws in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey([:])
            func ask() async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json", .authorization: "Bearer \(key)"],
                    body: ByteBuffer(string: Self.ask("what does it cost?"))
                )
            }
            let miss = try await ask()
            #expect(Double(miss.headers[HTTPField.Name("x-credits-used")!] ?? "") ?? 0 > 0)
            let hit = try await ask()
            #expect(hit.headers[Self.cacheHeader] == "hit")
            let requestID = try #require(hit.headers[HTTPField.Name("x-request-id")!])
            var rows: [[String: Any]] = []
            let deadline = ContinuousClock.now + .seconds(10)
            while rows.isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                rows = try await admin.get("/spend/logs?request_id=\(requestID)").body.json["data"] as? [[String: Any]] ?? []
            }
            let row = try #require(rows.first)
            #expect(row["cache_hit"] as? Bool == true)
            #expect(row["spend"] as? Double == 0)
            #expect((row["saved_cost"] as? Double ?? 0) > 0)
            #expect((row["total_tokens"] as? Int ?? 0) > 0)
        }
    }

    // MARK: Redis

    static func redisConfig(_ upstream: FakeOpenAIUpstream, port: Int, extra: String = "") throws -> GatewayConfig {
        try config(upstream, cacheParams: "{type: redis, host: 127.0.0.1, port: \(port), namespace: \"t-\(UUID().uuidString)\"\(extra)}")
    }

    @Test func twoGatewaysShareOneRedis() async throws {
        let port = try TestRedis.open.get()
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try Self.redisConfig(upstream, port: port)
        let streamed = Self.ask("shared", extra: #","stream":true"#)
        let (whole, events) = try await withGatewayResult(config) { client async throws in
            #expect(try await Self.chat(client, Self.ask("shared")).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, streamed).headers[Self.cacheHeader] == "miss")
            return (try await Self.chat(client, Self.ask("shared")).body, try await Self.chat(client, streamed).body)
        }
        try await withGateway(config) { client async throws in
            let hit = try await Self.chat(client, Self.ask("shared"))
            #expect(hit.headers[Self.cacheHeader] == "hit", "stored by the other gateway")
            #expect(hit.body == whole)
            let stream = try await Self.chat(client, streamed)
            #expect(stream.headers[Self.cacheHeader] == "hit")
            #expect(stream.body == events)
        }
        #expect(upstream.requests.count == 2)
    }

    @Test func redisWithAPassword() async throws {
        let port = try TestRedis.guarded.get()
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.redisConfig(upstream, port: port, extra: ", password: \(TestRedis.password)")) { client async throws in
            #expect(try await Self.chat(client, Self.ask("pw")).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, Self.ask("pw")).headers[Self.cacheHeader] == "hit")
        }
        try await withGateway(try Self.redisConfig(upstream, port: port, extra: ", username: default, password: \(TestRedis.password)")) { client async throws in
            #expect(try await Self.chat(client, Self.ask("pw")).headers[Self.cacheHeader] == "miss", "another namespace")
            #expect(try await Self.chat(client, Self.ask("pw")).headers[Self.cacheHeader] == "hit")
        }
        try await withGateway(try Self.redisConfig(upstream, port: port, extra: ", password: wrong")) { client async throws in
            let answer = try await Self.chat(client, Self.ask("pw"))
            #expect(answer.status == .ok, "a cache that refuses the login is a miss, not a failure")
            #expect(answer.headers[Self.cacheHeader] == "miss")
        }
    }

    @Test func theRedisPoolServesManyCommandsOnFewConnections() async throws {
        let port = try TestRedis.guarded.get()
        let endpoint = RedisEndpoint(host: "127.0.0.1", port: port, username: "default", password: TestRedis.password, database: 1)
        let pool = RedisConnectionPool(endpoint: endpoint, maxConnections: 2, group: MultiThreadedEventLoopGroup.singleton)
        defer { pool.close() }
        try await pool.ping()
        let prefix = "pool-\(UUID().uuidString)"
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<40 {
                group.addTask {
                    try await pool.set("\(prefix):\(n)", ByteBuffer(string: "value \(n)"), milliseconds: 60_000)
                    #expect(try await pool.get("\(prefix):\(n)") == ByteBuffer(string: "value \(n)"))
                }
            }
            try await group.waitForAll()
        }
        try await pool.delete("\(prefix):0")
        #expect(try await pool.get("\(prefix):0") == nil)
        #expect(try await pool.get("\(prefix):missing") == nil)
    }

    @Test func aDeadRedisGivesMissesNotErrors() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        // Nothing listens on this port.
        try await withGateway(try Self.redisConfig(upstream, port: 63799)) { client async throws in
            for _ in 0..<2 {
                let answer = try await Self.chat(client, Self.ask("dead"))
                #expect(answer.status == .ok)
                #expect(answer.headers[Self.cacheHeader] == "miss")
            }
            #expect(upstream.requests.count == 2)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"switchyard_cache_errors_total{backend="redis",call="get"} 2"#))
        }
    }
}

/// `withGateway`, answering what the test returns.
func withGatewayResult<T: Sendable>(_ config: GatewayConfig, _ test: @Sendable @escaping (any TestClientProtocol) async throws -> T) async throws -> T {
    let box = ResultBox<T>()
    try await withGateway(config) { client async throws in
        let value = try await test(client)
        box.value.withLock { $0 = value }
    }
    guard let value = box.value.withLock({ $0 }) else { throw CancellationError() }
    return value
}

private final class ResultBox<T: Sendable>: Sendable {
    let value = Mutex<T?>(nil)
}
