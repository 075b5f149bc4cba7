import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// The governance stage holds for everything a client can name: the model, its own `models`
/// and `fallbacks` lists, and token counting, on every surface.
@Suite struct PipelineGovernanceTests {
    /// `primary` answers from the fake upstream; `backup` and `other` from the mock. An admin
    /// configured `backup` as primary's fallback.
    static func config(upstream: FakeOpenAIUpstream) throws -> GatewayConfig {
        try TestConfig.load(
            """
            model_list:
              - model_name: primary
                litellm_params: {model: openai/gpt-4o, api_base: "\(upstream.baseURL)", api_key: sk-up}
                model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002}
              - model_name: backup
                litellm_params: {model: mock/b}
                model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002}
              - model_name: other
                litellm_params: {model: mock/o}
            router_settings:
              fallbacks: [{primary: [backup]}]
            general_settings:
              master_key: sk-master-123
            """
        )
    }

    static func chat(_ client: any TestClientProtocol, key: String, _ extra: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/v1/chat/completions", method: .post,
            headers: [.authorization: "Bearer \(key)", .contentType: "application/json"],
            body: ByteBuffer(string: #"{"model":"primary","messages":[{"role":"user","content":"hi"}]\#(extra)}"#)
        )
    }

    @Test func aClientNamedFallbackOrModelsEntryOutsideTheAllowlistIs403AndNothingIsSent() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.error(status: 500))
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream: upstream)) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["models": ["primary"]])
            for extra in [#","fallbacks":["other"]"#, #","models":["primary","other"]"#, #","fallbacks":[{"model":"other"}]"#] {
                let refused = try await Self.chat(client, key: key, extra)
                #expect(refused.status == .forbidden, "\(extra): \(refused.status)")
                let error = refused.body.json["error"] as? [String: Any] ?? [:]
                #expect(error["code"] as? String == "model_not_allowed")
                #expect((error["message"] as? String)?.contains("`other`") == true)
            }
            #expect(upstream.requests.isEmpty, "a refused request never reaches the upstream")
            // The same key asking for `other` directly gets the same answer.
            #expect(try await admin.chat(key, model: "other").status == .forbidden)
        }
    }

    @Test func fallbacksTheAdminConfiguredArePartOfTheAllowedModel() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.error(status: 500))
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream: upstream)) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["models": ["primary"]])
            let answer = try await Self.chat(client, key: key, "")
            #expect(answer.status == .ok)
            #expect(answer.headers[HTTPField.Name("x-fallback-from")!] == "primary")
            #expect(answer.headers[HTTPField.Name("x-model-used")!] == "backup; deployment=mock/b")
            #expect(upstream.requests.count == 1)
            // A client-named fallback inside the allowlist works too.
            let both = try await admin.generateKey(["models": ["primary", "other"]])
            let named = try await Self.chat(client, key: both, #","fallbacks":["other"]"#)
            #expect(named.status == .ok)
            #expect(named.headers[HTTPField.Name("x-model-used")!] == "other; deployment=mock/o")
            let sent = try #require(upstream.requests.last).json
            #expect(sent["fallbacks"] == nil, "gateway-only members never reach the upstream")
        }
    }

    @Test func tokenCountingIsGovernedOnBothSurfaces() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream: upstream)) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["models": ["primary"]])
            let anthropic = try await client.execute(
                uri: "/v1/messages/count_tokens", method: .post,
                headers: [HTTPField.Name("x-api-key")!: key, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"other","messages":[{"role":"user","content":"hello there"}]}"#)
            )
            #expect(anthropic.status == .forbidden)
            #expect((anthropic.body.json["error"] as? [String: Any])?["type"] as? String == "permission_error")
            let gemini = try await client.execute(
                uri: "/v1beta/models/other:countTokens", method: .post,
                headers: [HTTPField.Name("x-goog-api-key")!: key, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"contents":[{"role":"user","parts":[{"text":"hello there"}]}]}"#)
            )
            #expect(gemini.status == .forbidden)
            #expect((gemini.body.json["error"] as? [String: Any])?["status"] as? String == "PERMISSION_DENIED")
            // The allowed model is counted, and counting is free.
            let allowed = try await client.execute(
                uri: "/v1/messages/count_tokens", method: .post,
                headers: [HTTPField.Name("x-api-key")!: key, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"primary","messages":[{"role":"user","content":"hello there"}]}"#)
            )
            #expect(allowed.status == .ok)
            #expect((allowed.body.json["input_tokens"] as? Int ?? 0) > 0)
            #expect(allowed.headers[HTTPField.Name("x-credits-used")!] == nil)
            #expect(upstream.requests.isEmpty, "OpenAI-dialect deployments have no counting endpoint: the gateway estimates")
        }
    }

    @Test func gatewayOnlyMembersNeverReachAnAnthropicOrGeminiUpstream() async throws {
        try await DialectMatrixTests.withMatrix { client, upstreams in
            for (path, body) in [
                ("/v1/messages", #"{"model":"via-anthropic","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"fallbacks":["via-openai"],"drop_params":true}"#),
                ("/v1beta/models/via-gemini:generateContent", #"{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"fallbacks":["via-openai"],"additional_drop_params":["x"]}"#),
            ] {
                let answer = try await client.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
                #expect(answer.status == .ok, "\(path): \(String(buffer: answer.body))")
                #expect(answer.headers[HTTPField.Name("x-fallback-from")!] == nil, "the upstream took the body: no fallback ran")
            }
            let anthropic = try #require(upstreams.anthropic.requests.last).json
            #expect(anthropic["fallbacks"] == nil && anthropic["drop_params"] == nil)
            #expect(anthropic["model"] as? String == "claude-sonnet-4-5")
            let gemini = try #require(upstreams.gemini.requests.last).json
            #expect(gemini["fallbacks"] == nil && gemini["additional_drop_params"] == nil)
            #expect(upstreams.openAI.requests.isEmpty)
        }
    }
}
