import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

@Suite struct ProviderForwardingTests {
    static let chat = #"{"model":"m","messages":[{"role":"user","content":"x"}],"logit_bias":{"50256":-100}}"#

    @Test func azurePutsTheDeploymentInThePathAndTheKeyInApiKey() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: m
                litellm_params:
                  model: azure/my-gpt4o-deployment
                  api_base: http://127.0.0.1:\(upstream.port)
                  api_key: azure-secret
                  api_version: "2024-06-01"
            """)
        try await withGateway(config) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.chat))
            #expect(response.status == .ok)
        }
        let received = try #require(upstream.requests.first)
        #expect(received.path == "/openai/deployments/my-gpt4o-deployment/chat/completions?api-version=2024-06-01")
        #expect(received.headers["api-key"] == "azure-secret")
        #expect(received.headers["authorization"] == nil)
    }

    @Test func unsupportedParametersAre400UnlessDropParamsIsOn() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let yaml = """
            model_list:
              - model_name: m
                litellm_params: {model: groq/llama-3.1-8b-instant, api_base: "\(upstream.baseURL)", api_key: k}
            """
        try await withGateway(try TestConfig.load(yaml)) { client in
            let refused = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.chat))
            #expect(refused.status == .badRequest)
            #expect((refused.body.json["error"] as? [String: Any])?["param"] as? String == "logit_bias")
            let perRequest = Self.chat.replacingOccurrences(of: #""model":"m","#, with: #""model":"m","drop_params":true,"#)
            let dropped = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: perRequest))
            #expect(dropped.status == .ok)
        }
        try await withGateway(try TestConfig.load(yaml + "\nlitellm_settings:\n  drop_params: true\n")) { client in
            let dropped = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.chat))
            #expect(dropped.status == .ok)
        }
        #expect(upstream.requests.count == 2)
        for request in upstream.requests {
            #expect(request.json["logit_bias"] == nil)
            #expect(request.json["drop_params"] == nil)
            #expect(request.json["model"] as? String == "llama-3.1-8b-instant")
        }
    }

    @Test func additionalDropParamsAreAlwaysRemoved() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: m
                litellm_params:
                  model: hosted_vllm/qwen
                  api_base: \(upstream.baseURL)
                  additional_drop_params: ["logit_bias", "user"]
            """)
        try await withGateway(config) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.chat))
            #expect(response.status == .ok)
        }
        #expect(upstream.requests.first?.json["logit_bias"] == nil)
        #expect(upstream.requests.first?.headers["authorization"] == nil)
    }

    @Test func extraHeadersAndOrganizationReachTheUpstream() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: m
                litellm_params:
                  model: openrouter/anthropic/claude-3.5-sonnet
                  api_base: \(upstream.baseURL)
                  api_key: or-key
                  organization: org-7
                  extra_headers: {HTTP-Referer: "https://example.com", X-Title: "demo"}
            """)
        try await withGateway(config) { client in
            _ = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: #"{"model":"m","messages":[{"role":"user","content":"x"}]}"#))
        }
        let received = try #require(upstream.requests.first)
        #expect(received.json["model"] as? String == "anthropic/claude-3.5-sonnet")
        #expect(received.headers["http-referer"] == "https://example.com")
        #expect(received.headers["x-title"] == "demo")
        #expect(received.headers["openai-organization"] == "org-7")
    }

    @Test func aFailedDeploymentIsRetriedOnAnotherOfItsGroup() async throws {
        let broken = try await FakeOpenAIUpstream.start(.error(status: 503, message: "overloaded"))
        let healthy = try await FakeOpenAIUpstream.start()
        defer { Task { await broken.stop(); await healthy.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: m
                litellm_params: {model: openai/a, api_base: "\(broken.baseURL)", api_key: k, order: 1}
              - model_name: m
                litellm_params: {model: openai/b, api_base: "\(healthy.baseURL)", api_key: k, order: 2}
            router_settings:
              num_retries: 1
            """)
        try await withGateway(config) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: #"{"model":"m","messages":[{"role":"user","content":"x"}]}"#))
            #expect(response.status == .ok)
            #expect(response.headers[HTTPField.Name("x-model-used")!] == "m; deployment=openai/b")
        }
        #expect(broken.requests.count == 1)
        #expect(healthy.requests.count == 1)
    }

    @Test func aRequestCausedErrorIsNeverRetried() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.error(status: 400, message: "bad", type: "invalid_request_error"))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream, settings: "router_settings:\n  num_retries: 3"))
        try await withGateway(config) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#))
            #expect(response.status == .badRequest)
        }
        #expect(upstream.requests.count == 1)
    }
}
