import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// Semantic caching through the HTTP surface, with an embedding upstream whose vectors mean
/// something (`FakeEmbeddingUpstream`): the chat upstream's journal proves a hit never calls
/// it, the embedding upstream's journal proves when the gateway embedded.
@Suite struct SemanticCacheTests {
    static let cacheHeader = HTTPField.Name("x-switchyard-cache")!
    static let similarityHeader = HTTPField.Name("x-switchyard-cache-similarity")!
    static let france = "What is the capital of France?"

    static func config(
        _ upstream: FakeOpenAIUpstream, embeddingsAt embeddings: String,
        cacheParams: String = "{type: local, similarity_threshold: 0.95, semantic_cache_embedding_model: embedder}"
    ) throws -> GatewayConfig {
        try TestConfig.load("""
            model_list:
              - model_name: gpt-4o
                litellm_params: {model: openai/gpt-4o, api_base: "\(upstream.baseURL)", api_key: sk-upstream}
                model_info: {input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001}
              - model_name: gpt-4o-mini
                litellm_params: {model: openai/gpt-4o-mini, api_base: "\(upstream.baseURL)", api_key: sk-upstream}
              - model_name: embedder
                litellm_params: {model: openai/text-embedding-3-small, api_base: "\(embeddings)", api_key: sk-embeddings}
                model_info: {input_cost_per_token: 0.00000002}
            """ + "\n" + ResponseCacheTests.settings(cacheParams: cacheParams))
    }

    /// Both fakes and a gateway in front of them.
    static func withSemanticGateway(
        _ behavior: FakeBehavior = .openAI(), _ test: @Sendable (any TestClientProtocol, FakeOpenAIUpstream, FakeEmbeddingUpstream) async throws -> Void
    ) async throws {
        let upstream = try await FakeOpenAIUpstream.start(behavior)
        let embeddings = try await FakeEmbeddingUpstream.start()
        defer { Task { await upstream.stop(); await embeddings.stop() } }
        try await withGateway(try config(upstream, embeddingsAt: embeddings.baseURL)) { client async throws in
            try await test(client, upstream, embeddings)
        }
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.authorization] = "Bearer sk-master-123"
        return try await client.execute(uri: path, method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    static func chat(_ client: any TestClientProtocol, _ question: String, model: String = "gpt-4o", extra: String = "", headers: HTTPFields = [:]) async throws -> TestResponse {
        try await post(client, "/v1/chat/completions", #"{"model":"\#(model)","messages":[{"role":"user","content":"\#(question)"}]\#(extra)}"#, headers: headers)
    }

    static func similarity(_ response: TestResponse) -> Double? {
        response.headers[similarityHeader].flatMap(Double.init)
    }

    @Test func aParaphraseIsAHitThatCarriesItsSimilarity() async throws {
        try await Self.withSemanticGateway { client, upstream, embeddings in
            let first = try await Self.chat(client, Self.france)
            #expect(first.headers[Self.cacheHeader] == "miss")
            #expect(first.headers[Self.similarityHeader] == nil)
            #expect(embeddings.inputs == [Self.france], "the last user turn, as written")

            let paraphrase = try await Self.chat(client, "what is the capital of france")
            #expect(paraphrase.status == .ok)
            #expect(paraphrase.headers[Self.cacheHeader] == "hit")
            let similarity = try #require(Self.similarity(paraphrase))
            #expect(similarity >= 0.95 && similarity <= 1)
            #expect(abs(similarity - FakeEmbeddingUpstream.cosine(Self.france, "what is the capital of france")) < 0.001)
            #expect(paraphrase.body == first.body, "the stored answer, byte for byte")
            #expect(paraphrase.headers[HTTPField.Name("x-credits-used")!] == "0")
            #expect(upstream.requests.count == 1)

            // An exact repeat is found by its key: no embedding call, no similarity.
            let repeated = try await Self.chat(client, Self.france)
            #expect(repeated.headers[Self.cacheHeader] == "hit")
            #expect(repeated.headers[Self.similarityHeader] == nil)
            #expect(embeddings.inputs.count == 2)

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"switchyard_cache_requests_total{operation="chat/completions",result="semantic_hit"} 1"#))
            #expect(metrics.contains(#"switchyard_cache_requests_total{operation="chat/completions",result="hit"} 1"#))
            #expect(metrics.contains(#"switchyard_cache_requests_total{operation="chat/completions",result="miss"} 1"#))
        }
    }

    @Test func aNearMissIsNotAHit() async throws {
        let germany = "What is the capital of Germany?"
        let cosine = FakeEmbeddingUpstream.cosine(Self.france, germany)
        print("cosine(\"\(Self.france)\", \"\(germany)\") = \(cosine)")
        #expect(cosine < 0.95)
        #expect(cosine > 0.5, "near enough to make the threshold matter")
        try await Self.withSemanticGateway(.sequence([.openAI(words: ["Paris"]), .openAI(words: ["Berlin"])])) { client, upstream, _ in
            #expect(try await Self.chat(client, Self.france).headers[Self.cacheHeader] == "miss")
            let near = try await Self.chat(client, germany)
            #expect(near.headers[Self.cacheHeader] == "miss")
            #expect(String(buffer: near.body).contains("Berlin"))
            #expect(upstream.requests.count == 2)
            // Each is found by its own paraphrase: the nearest stored turn answers.
            let berlin = try await Self.chat(client, "what is the capital of germany")
            #expect(berlin.headers[Self.cacheHeader] == "hit")
            #expect(String(buffer: berlin.body).contains("Berlin"))
            let paris = try await Self.chat(client, "what is the capital of france")
            #expect(String(buffer: paris.body).contains("Paris"))
            #expect(upstream.requests.count == 2)
        }
    }

    @Test func everythingButTheLastUserTurnMustMatchExactly() async throws {
        try await Self.withSemanticGateway { client, upstream, _ in
            let paraphrase = "what is the capital of france"
            #expect(try await Self.chat(client, Self.france).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, paraphrase, extra: #","temperature":0.5"#).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, paraphrase, model: "gpt-4o-mini").headers[Self.cacheHeader] == "miss", "another model group")
            #expect(try await Self.chat(client, paraphrase, extra: #","stream":true"#).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, paraphrase, extra: #","cache":{"namespace":"team-b"}"#).headers[Self.cacheHeader] == "miss")
            #expect(upstream.requests.count == 5)

            func conversation(_ earlier: String, _ last: String) -> String {
                #"{"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"\#(earlier)"},"#
                    + #"{"role":"assistant","content":"Sure."},{"role":"user","content":"\#(last)"}]}"#
            }
            let europe = try await Self.post(client, "/v1/chat/completions", conversation("Let us talk about Europe.", Self.france))
            #expect(europe.headers[Self.cacheHeader] == "miss")
            let asia = try await Self.post(client, "/v1/chat/completions", conversation("Let us talk about Asia.", paraphrase))
            #expect(asia.headers[Self.cacheHeader] == "miss", "different earlier turns")
            let sameStart = try await Self.post(client, "/v1/chat/completions", conversation("Let us talk about Europe.", paraphrase))
            #expect(sameStart.headers[Self.cacheHeader] == "hit", "the same earlier turns")
            #expect(Self.similarity(sameStart) != nil)
            #expect(upstream.requests.count == 7)
        }
    }

    @Test func theBypassHeaderSkipsTheEmbedding() async throws {
        try await Self.withSemanticGateway { client, upstream, embeddings in
            let skipped = try await Self.chat(client, Self.france, headers: [Self.cacheHeader: "false"])
            #expect(skipped.headers[Self.cacheHeader] == "bypass")
            #expect(embeddings.requests.isEmpty)
            let again = try await Self.chat(client, Self.france, headers: [Self.cacheHeader: "false"])
            #expect(again.headers[Self.cacheHeader] == "bypass")
            #expect(upstream.requests.count == 2)
            #expect(try await Self.chat(client, Self.france).headers[Self.cacheHeader] == "hit", "stored under its exact key")
        }
    }

    @Test func streamsAreReplayedOnASemanticHit() async throws {
        try await Self.withSemanticGateway { client, upstream, _ in
            let first = try await Self.chat(client, Self.france, extra: #","stream":true"#)
            #expect(first.headers[Self.cacheHeader] == "miss")
            #expect(String(buffer: first.body).hasSuffix("data: [DONE]\n\n"))
            let second = try await Self.chat(client, "what is the capital of france", extra: #","stream":true"#)
            #expect(second.headers[Self.cacheHeader] == "hit")
            #expect(second.headers[.contentType] == "text/event-stream")
            #expect(Self.similarity(second) != nil)
            #expect(second.body == first.body)
            #expect(upstream.requests.count == 1)
        }
    }

    @Test func otherSurfacesMatchTheirLastUserTurn() async throws {
        try await Self.withSemanticGateway { client, upstream, embeddings in
            func messages(_ text: String) -> String {
                #"{"model":"gpt-4o","max_tokens":50,"system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":"\#(text)"}]}]}"#
            }
            #expect(try await Self.post(client, "/v1/messages", messages(Self.france)).headers[Self.cacheHeader] == "miss")
            let anthropic = try await Self.post(client, "/v1/messages", messages("what is the capital of france"))
            #expect(anthropic.headers[Self.cacheHeader] == "hit")
            #expect(anthropic.body.json["type"] as? String == "message")

            func gemini(_ text: String) -> String { #"{"contents":[{"role":"user","parts":[{"text":"\#(text)"}]}]}"# }
            #expect(try await Self.post(client, "/v1beta/models/gpt-4o:generateContent", gemini(Self.france)).headers[Self.cacheHeader] == "miss")
            let google = try await Self.post(client, "/v1beta/models/gpt-4o:generateContent", gemini("what is the capital of france"))
            #expect(google.headers[Self.cacheHeader] == "hit")
            #expect(google.body.json["candidates"] != nil)

            func responses(_ text: String) -> String { #"{"model":"gpt-4o","store":false,"input":"\#(text)"}"# }
            #expect(try await Self.post(client, "/v1/responses", responses(Self.france)).headers[Self.cacheHeader] == "miss")
            #expect(try await Self.post(client, "/v1/responses", responses("what is the capital of france")).headers[Self.cacheHeader] == "hit")
            #expect(upstream.requests.count == 3)
            #expect(embeddings.inputs.allSatisfy { $0.lowercased().hasPrefix("what is the capital of france") })

            // Embeddings are looked up exactly, never embedded for the cache.
            let before = embeddings.requests.count
            let embed = try await Self.post(client, "/v1/embeddings", #"{"model":"embedder","input":"What is the capital of France?"}"#)
            #expect(embed.headers[Self.cacheHeader] == "miss")
            #expect(embeddings.requests.count == before + 1, "only the client's own call")
        }
    }

    @Test func anEmbeddingModelThatIsDownMakesAPlainMiss() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        // Nothing listens on port 9.
        try await withGateway(try Self.config(upstream, embeddingsAt: "http://127.0.0.1:9/v1")) { client async throws in
            let first = try await Self.chat(client, Self.france)
            #expect(first.status == .ok)
            #expect(first.headers[Self.cacheHeader] == "miss")
            let paraphrase = try await Self.chat(client, "what is the capital of france")
            #expect(paraphrase.status == .ok)
            #expect(paraphrase.headers[Self.cacheHeader] == "miss")
            #expect(try await Self.chat(client, Self.france).headers[Self.cacheHeader] == "hit", "still stored under its exact key")
            #expect(upstream.requests.count == 2)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"switchyard_cache_errors_total{backend="embeddings",call="embed"} 2"#))
        }
    }

    @Test func aSemanticHitIsLoggedWithWhatItSavedAndTheEmbeddingsWithTheirOwnRows() async throws {
        try await Self.withSemanticGateway { client, _, _ in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey([:])
            func ask(_ question: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json", .authorization: "Bearer \(key)"],
                    body: ByteBuffer(string: #"{"model":"gpt-4o","messages":[{"role":"user","content":"\#(question)"}]}"#)
                )
            }
            let miss = try await ask(Self.france)
            let hit = try await ask("what is the capital of france")
            #expect(hit.headers[Self.cacheHeader] == "hit")
            let requestID = try #require(hit.headers[HTTPField.Name("x-request-id")!])
            let row = try #require(try await admin.spendLogs("request_id=\(requestID)", count: 1).first)
            #expect(row["cache_hit"] as? Bool == true)
            #expect(row["spend"] as? Double == 0)
            #expect((row["saved_cost"] as? Double ?? 0) > 0)

            // The embedding calls are the gateway's own: a row each, on no key, never the caller's spend.
            let missID = try #require(miss.headers[HTTPField.Name("x-request-id")!])
            let embedding = try #require(try await admin.spendLogs("request_id=\(missID)/cache-embedding", count: 1).first)
            #expect(embedding["call_type"] as? String == "cache/embeddings")
            #expect(embedding["model_group"] as? String == "embedder")
            #expect((embedding["api_key"] as? String ?? "").isEmpty)
            #expect(try await admin.spendLogs("request_id=\(requestID)/cache-embedding", count: 1).count == 1)
        }
    }

    @Test func withRedisTheAnswersAreSharedAndEachReplicaLearnsItsOwnTurns() async throws {
        let port = try TestRedis.open.get()
        let upstream = try await FakeOpenAIUpstream.start()
        let embeddings = try await FakeEmbeddingUpstream.start()
        defer { Task { await upstream.stop(); await embeddings.stop() } }
        let params = "{type: redis-semantic, host: 127.0.0.1, port: \(port), namespace: \"s-\(UUID().uuidString)\", similarity_threshold: 0.95, "
            + "redis_semantic_cache_embedding_model: embedder}"
        let config = try Self.config(upstream, embeddingsAt: embeddings.baseURL, cacheParams: params)
        try await withGateway(config) { client async throws in
            #expect(try await Self.chat(client, Self.france).headers[Self.cacheHeader] == "miss")
            let paraphrase = try await Self.chat(client, "what is the capital of france")
            #expect(paraphrase.headers[Self.cacheHeader] == "hit")
            #expect(Self.similarity(paraphrase) != nil)
        }
        // Another replica (here: a restarted one) shares the answers in Redis, not the index.
        try await withGateway(config) { client async throws in
            #expect(try await Self.chat(client, Self.france).headers[Self.cacheHeader] == "hit", "the exact key is in Redis")
            #expect(try await Self.chat(client, "What is the capital of France").headers[Self.cacheHeader] == "miss", "its index is empty")
            #expect(try await Self.chat(client, "what is the capital of france?").headers[Self.cacheHeader] == "hit", "it learned from its own store")
        }
        #expect(upstream.requests.count == 2)
    }
}
