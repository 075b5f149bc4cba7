import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// What the pipeline makes the same on every surface and path: request controls, metering,
/// the paths each SDK uses, and a client that leaves.
@Suite struct PipelineSurfaceTests {
    @Test func dropParamsInTheBodyHoldsWhenTheRequestIsTranslated() async throws {
        try await DialectMatrixTests.withMatrix { client, upstreams in
            let seeded = #"{"model":"via-anthropic","seed":7,"messages":[{"role":"user","content":"hi"}]"#
            let refused = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: seeded + "}"))
            #expect(refused.status == .badRequest)
            #expect((refused.body.json["error"] as? [String: Any])?["param"] as? String == "seed")
            let dropped = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: seeded + #","drop_params":true}"#))
            #expect(dropped.status == .ok, "\(String(buffer: dropped.body))")
            let sent = try #require(upstreams.anthropic.requests.last).json
            #expect(sent["seed"] == nil && sent["drop_params"] == nil, "Anthropic has no seed: it was dropped")
            // The same request to an OpenAI-dialect deployment passes `seed` through untouched.
            let passThrough = try await client.execute(
                uri: "/v1/chat/completions", method: .post,
                body: ByteBuffer(string: #"{"model":"via-openai","seed":7,"messages":[{"role":"user","content":"hi"}]}"#)
            )
            #expect(passThrough.status == .ok)
            #expect(try #require(upstreams.openAI.requests.last).json["seed"] as? Int == 7)
        }
    }

    @Test func geminiEmbeddingsToAnOpenAIDeploymentAreCharged() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(
            """
            model_list:
              - model_name: embedder
                litellm_params: {model: openai/text-embedding-3-small, api_base: "\(upstream.baseURL)", api_key: sk-up}
                model_info: {input_cost_per_token: 0.001}
            general_settings:
              master_key: sk-master-123
              proxy_batch_write_at: 0.05
            """
        )
        try await withGateway(config) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey([:])
            for (method, body) in [
                ("embedContent", #"{"content":{"parts":[{"text":"hello"}]}}"#),
                ("batchEmbedContents", #"{"requests":[{"model":"models/embedder","content":{"parts":[{"text":"hello"}]}}]}"#),
            ] {
                let answer = try await client.execute(
                    uri: "/v1beta/models/embedder:\(method)", method: .post,
                    headers: [HTTPField.Name("x-goog-api-key")!: key, .contentType: "application/json"], body: ByteBuffer(string: body)
                )
                #expect(answer.status == .ok, "\(method): \(String(buffer: answer.body))")
                // The fake reports 3 prompt tokens at $0.001.
                #expect(answer.headers[HTTPField.Name("x-credits-used")!] == "0.003", "\(method) is charged")
            }
            #expect(upstream.requests.map(\.path) == ["/v1/embeddings", "/v1/embeddings"])
            var spend = 0.0
            for _ in 0..<100 where spend < 0.006 - 1e-9 {
                spend = try await admin.keyInfo(key)["spend"] as? Double ?? 0
                if spend < 0.006 - 1e-9 { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(abs(spend - 0.006) < 1e-9, "the key's spend is \(spend)")
        }
    }

    @Test(arguments: ["/v1beta/models", "/v1/models", "/api/v1beta/models", "/gemini/v1beta/models", "/gemini/v1/models"])
    func geminiIsServedOnEveryPathItsSDKsUse(prefix: String) async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let generate = try await client.execute(
                uri: "\(prefix)/mock:generateContent", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"contents":[{"role":"user","parts":[{"text":"ping"}]}]}"#)
            )
            #expect(generate.status == .ok, "\(prefix): \(String(buffer: generate.body))")
            let parts = ((generate.body.json["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])?["parts"] as? [[String: Any]]
            #expect(parts?.first?["text"] as? String == "Switchyard mock reply to: ping")
            let stream = try await client.execute(
                uri: "\(prefix)/mock:streamGenerateContent?alt=sse", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"contents":[{"role":"user","parts":[{"text":"ping"}]}]}"#)
            )
            #expect(stream.status == .ok)
            #expect(String(buffer: stream.body).hasPrefix("data: {"))
            let count = try await client.execute(
                uri: "\(prefix)/mock:countTokens", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"contents":[{"role":"user","parts":[{"text":"ping"}]}]}"#)
            )
            #expect(count.status == .ok)
            #expect((count.body.json["totalTokens"] as? Int ?? 0) > 0)
            let embed = try await client.execute(
                uri: "\(prefix)/mock:embedContent", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"content":{"parts":[{"text":"ping"}]}}"#)
            )
            #expect(embed.status == .ok)
            #expect(((embed.body.json["embedding"] as? [String: Any])?["values"] as? [Double])?.isEmpty == false)
        }
    }

    @Test func theOpenAIModelObjectStillAnswersUnderV1Models() async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let model = try await client.execute(uri: "/v1/models/mock", method: .get)
            #expect(model.status == .ok)
            #expect(model.body.json["object"] as? String == "model")
            #expect(model.body.json["id"] as? String == "mock")
        }
    }

    @Test func aClientThatLeavesANonStreamedRequestCancelsTheUpstreamCall() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.hang)
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream, extra: "      timeout: 600"))
        try await withLiveGateway(config) { gateway in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let metrics = HTTPClient(eventLoopGroupProvider: .singleton)
            defer { Task { try? await metrics.shutdown() } }
            var request = HTTPClientRequest(url: gateway.baseURL + "/v1/chat/completions")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: #"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#))
            let call = Task { try await client.execute(request, timeout: .seconds(600)) }
            func inFlight() async throws -> String? {
                let response = try await metrics.execute(HTTPClientRequest(url: gateway.baseURL + "/metrics"), timeout: .seconds(5))
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                return text.split(separator: "\n").first { $0.hasPrefix("switchyard_deployment_in_flight{") }.map { String($0.split(separator: " ").last ?? "") }
            }
            let deadline = ContinuousClock.now + .seconds(5)
            while try await inFlight() != "1" && ContinuousClock.now < deadline && upstream.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            while upstream.requests.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(try await inFlight() == "1", "the request is waiting on the upstream")
            // Walk away: closing the client closes the connection.
            call.cancel()
            try await client.shutdown()
            var now = try await inFlight()
            while now != "0" && ContinuousClock.now < deadline + .seconds(5) {
                try await Task.sleep(for: .milliseconds(10))
                now = try await inFlight()
            }
            #expect(now == "0", "the upstream call was cancelled when the client left")
            let response = try await metrics.execute(HTTPClientRequest(url: gateway.baseURL + "/metrics"), timeout: .seconds(5))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            #expect(text.contains(#"status="499""#), "the request is counted as a client disconnect")
        }
    }
}
