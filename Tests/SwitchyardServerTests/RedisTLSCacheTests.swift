import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOPosix
import SwitchyardCore
import SwitchyardRedis
import Testing

/// The Redis cache over TLS (`rediss://`), against Debian's redis-server serving TLS only with
/// a throwaway CA (`scripts/redis-test-server.sh start-tls`): the gateway must trust the CA it
/// is given (`ssl_ca_certs`), and nothing else.
@Suite struct RedisTLSCacheTests {
    static func config(_ upstream: FakeOpenAIUpstream, port: Int, tls: String) throws -> GatewayConfig {
        try ResponseCacheTests.config(
            upstream, cacheParams: "{type: redis, url: \"rediss://127.0.0.1:\(port)\", namespace: \"tls-\(UUID().uuidString)\"\(tls)}"
        )
    }

    @Test(.enabled(if: TestRedis.tlsIsAvailable, "this redis-server was built without TLS"))
    func aCacheOverTLSTrustsTheConfiguredCA() async throws {
        let port = try #require(TestRedis.tls).get()
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let header = ResponseCacheTests.cacheHeader
        let ca = ", ssl_ca_certs: \(TestRedis.tlsFile("ca.pem"))"
        try await withGateway(try Self.config(upstream, port: port, tls: ca)) { client async throws in
            #expect(try await ResponseCacheTests.chat(client, ResponseCacheTests.ask("over tls")).headers[header] == "miss")
            #expect(try await ResponseCacheTests.chat(client, ResponseCacheTests.ask("over tls")).headers[header] == "hit")
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(!metrics.contains("switchyard_cache_errors_total{"))
        }
        #expect(upstream.requests.count == 1)

        // A client certificate, verified by the server when presented.
        let mutual = ca + ", ssl_certfile: \(TestRedis.tlsFile("client.pem")), ssl_keyfile: \(TestRedis.tlsFile("client.key"))"
        try await withGateway(try Self.config(upstream, port: port, tls: mutual)) { client async throws in
            #expect(try await ResponseCacheTests.chat(client, ResponseCacheTests.ask("mutual")).headers[header] == "miss")
            #expect(try await ResponseCacheTests.chat(client, ResponseCacheTests.ask("mutual")).headers[header] == "hit")
        }

        // Without the CA the server's certificate is not trusted: every lookup is a miss, the
        // request still answered.
        try await withGateway(try Self.config(upstream, port: port, tls: "")) { client async throws in
            for _ in 0..<2 {
                let answer = try await ResponseCacheTests.chat(client, ResponseCacheTests.ask("untrusted"))
                #expect(answer.status == .ok)
                #expect(answer.headers[header] == "miss")
            }
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"switchyard_cache_errors_total{backend="redis",call="get"} 2"#))
        }

        // ssl_cert_reqs: none encrypts without checking whom it talks to.
        try await withGateway(try Self.config(upstream, port: port, tls: ", ssl_cert_reqs: none")) { client async throws in
            #expect(try await ResponseCacheTests.chat(client, ResponseCacheTests.ask("unverified")).headers[header] == "miss")
            #expect(try await ResponseCacheTests.chat(client, ResponseCacheTests.ask("unverified")).headers[header] == "hit")
        }
    }

    @Test(.enabled(if: TestRedis.tlsIsAvailable, "this redis-server was built without TLS"))
    func thePoolSpeaksTLSToAnAddressAndToAName() async throws {
        let port = try #require(TestRedis.tls).get()
        for host in ["127.0.0.1", "localhost"] {
            let endpoint = RedisEndpoint(host: host, port: port, tls: RedisTLS(caCertificatesPath: TestRedis.tlsFile("ca.pem")))
            let pool = RedisConnectionPool(endpoint: endpoint, maxConnections: 1, group: MultiThreadedEventLoopGroup.singleton)
            defer { pool.close() }
            try await pool.ping()
            let key = "tls-\(UUID().uuidString)"
            try await pool.set(key, ByteBuffer(string: host), milliseconds: 60_000)
            #expect(try await pool.get(key) == ByteBuffer(string: host))
        }
    }
}
