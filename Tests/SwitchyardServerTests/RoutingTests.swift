import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

@Suite struct RoutingTests {
    static let chat = #"{"model":"primary","messages":[{"role":"user","content":"x"}]}"#

    static func post(_ client: any TestClientProtocol, _ body: String = chat) async throws -> TestResponse {
        try await client.execute(uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    static func header(_ response: TestResponse, _ name: String) -> String? {
        response.headers[HTTPField.Name(name)!]
    }

    @Test func aFailedGroupFallsBackInOrderAndTheHeadersSaySo() async throws {
        let broken = try await FakeOpenAIUpstream.start(.error(status: 500))
        let alsoBroken = try await FakeOpenAIUpstream.start(.error(status: 503))
        let healthy = try await FakeOpenAIUpstream.start()
        defer { Task { await broken.stop(); await alsoBroken.stop(); await healthy.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/p, api_base: "\(broken.baseURL)", api_key: k}
              - model_name: second
                litellm_params: {model: openai/s, api_base: "\(alsoBroken.baseURL)", api_key: k}
              - model_name: third
                litellm_params: {model: openai/t, api_base: "\(healthy.baseURL)", api_key: k}
            router_settings:
              fallbacks: [{primary: [second, third]}]
            """)
        try await withGateway(config) { client in
            let response = try await Self.post(client)
            #expect(response.status == .ok)
            #expect(Self.header(response, "x-model-used") == "third; deployment=openai/t")
            #expect(Self.header(response, "x-fallback-from") == "primary")
            #expect(Self.header(response, "x-fallback-depth") == "2")
        }
        #expect(healthy.requests.first?.json["model"] as? String == "t")
    }

    @Test func anAnswerWithoutFallbackCarriesNoFallbackHeaders() async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let response = try await Self.post(client, #"{"model":"mock","messages":[{"role":"user","content":"x"}]}"#)
            #expect(Self.header(response, "x-fallback-from") == nil)
            #expect(Self.header(response, "x-fallback-depth") == nil)
        }
    }

    @Test func contextWindowErrorsUseContextWindowFallbacksOnly() async throws {
        let small = try await FakeOpenAIUpstream.start(.error(status: 400, message: "This model's maximum context length is 8192 tokens.", type: "invalid_request_error"))
        let large = try await FakeOpenAIUpstream.start()
        let generic = try await FakeOpenAIUpstream.start()
        defer { Task { await small.stop(); await large.stop(); await generic.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/small, api_base: "\(small.baseURL)", api_key: k}
              - model_name: large
                litellm_params: {model: openai/large, api_base: "\(large.baseURL)", api_key: k}
              - model_name: generic
                litellm_params: {model: openai/generic, api_base: "\(generic.baseURL)", api_key: k}
            router_settings:
              num_retries: 2
              fallbacks: [{primary: [generic]}]
              context_window_fallbacks: [{primary: [large]}]
            """)
        try await withGateway(config) { client in
            let response = try await Self.post(client)
            #expect(response.status == .ok)
            #expect(Self.header(response, "x-model-used") == "large; deployment=openai/large")
        }
        #expect(small.requests.count == 1)
        #expect(generic.requests.isEmpty)
    }

    @Test func aBadRequestDoesNotFallBack() async throws {
        let primary = try await FakeOpenAIUpstream.start(.error(status: 400, message: "bad temperature", type: "invalid_request_error"))
        let other = try await FakeOpenAIUpstream.start()
        defer { Task { await primary.stop(); await other.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/p, api_base: "\(primary.baseURL)", api_key: k}
              - model_name: other
                litellm_params: {model: openai/o, api_base: "\(other.baseURL)", api_key: k}
            router_settings:
              fallbacks: [{primary: [other]}]
            """)
        try await withGateway(config) { client in
            let response = try await Self.post(client)
            #expect(response.status == .badRequest)
        }
        #expect(other.requests.isEmpty)
    }

    @Test func requestFallbacksAndModelListsWork() async throws {
        let broken = try await FakeOpenAIUpstream.start(.error(status: 502))
        let healthy = try await FakeOpenAIUpstream.start()
        defer { Task { await broken.stop(); await healthy.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/p, api_base: "\(broken.baseURL)", api_key: k}
              - model_name: rescue
                litellm_params: {model: openai/r, api_base: "\(healthy.baseURL)", api_key: k}
            """)
        try await withGateway(config) { client in
            let withFallbacks = try await Self.post(client, #"{"model":"primary","fallbacks":["rescue"],"messages":[{"role":"user","content":"x"}]}"#)
            #expect(withFallbacks.status == .ok)
            #expect(Self.header(withFallbacks, "x-fallback-from") == "primary")
            let withModels = try await Self.post(client, #"{"model":"primary","models":["primary","rescue"],"messages":[{"role":"user","content":"x"}]}"#)
            #expect(withModels.status == .ok)
            #expect(Self.header(withModels, "x-model-used") == "rescue; deployment=openai/r")
            let nothingLeft = try await Self.post(client, #"{"model":"primary","fallbacks":[],"messages":[{"role":"user","content":"x"}]}"#)
            #expect(nothingLeft.status == .badGateway)
        }
        for request in healthy.requests {
            #expect(request.json["fallbacks"] == nil)
            #expect(request.json["models"] == nil)
        }
    }

    @Test func aFailingDeploymentCoolsDownThenPanicModeStillTriesItAndRecovers() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.sequence([.error(status: 500), .error(status: 500), .openAI()]))
        defer { Task { await upstream.stop() } }
        let clock = ManualClock()
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/p, api_base: "\(upstream.baseURL)", api_key: k}
            router_settings:
              allowed_fails: 1
              cooldown_time: 30
            general_settings:
              master_key: sk-m
            """)
        try await withGateway(config, clock: clock) { client in
            let auth: HTTPFields = [.authorization: "Bearer sk-m", .contentType: "application/json"]
            let first = try await client.execute(uri: "/v1/chat/completions", method: .post, headers: auth, body: ByteBuffer(string: Self.chat))
            #expect(first.status == .internalServerError)
            let health = try await client.execute(uri: "/health", method: .get, headers: auth)
            let unhealthy = try #require(health.body.json["unhealthy_endpoints"] as? [[String: Any]])
            #expect(unhealthy.first?["deployment"] as? String == "openai/p")
            #expect(unhealthy.first?["cooldown_remaining_seconds"] as? Double == 30)
            #expect(!String(buffer: health.body).contains("\"k\""))
            // Every deployment is cold: the gateway tries anyway, and only then answers 503.
            let panic = try await client.execute(uri: "/v1/chat/completions", method: .post, headers: auth, body: ByteBuffer(string: Self.chat))
            #expect(panic.status == .serviceUnavailable)
            #expect((panic.body.json["error"] as? [String: Any])?["code"] as? String == "no_healthy_deployment")
            #expect(upstream.requests.count == 2)
            clock.advance(by: 31)
            let recovered = try await client.execute(uri: "/v1/chat/completions", method: .post, headers: auth, body: ByteBuffer(string: Self.chat))
            #expect(recovered.status == .ok)
            let healed = try await client.execute(uri: "/health", method: .get, headers: auth)
            #expect(healed.body.json["healthy_count"] as? Int == 1)
        }
    }

    @Test func retryingTheOnlyDeploymentBacksOffAndHonoursRetryAfter() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.sequence([.error(status: 429, message: "slow down", type: "requests", retryAfter: 7), .openAI()]))
        defer { Task { await upstream.stop() } }
        let clock = ManualClock()
        let config = try TestConfig.load(TestConfig.single(upstream: upstream, settings: "router_settings:\n  num_retries: 2"))
        try await withGateway(config, clock: clock) { client in
            let response = try await Self.post(client, #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(response.status == .ok)
        }
        #expect(upstream.requests.count == 2)
        #expect(clock.sleeps == [7])
    }

    @Test func aRetryOnAnotherDeploymentDoesNotWait() async throws {
        let first = try await FakeOpenAIUpstream.start(.error(status: 500))
        let second = try await FakeOpenAIUpstream.start()
        defer { Task { await first.stop(); await second.stop() } }
        let clock = ManualClock()
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/a, api_base: "\(first.baseURL)", api_key: k, order: 1}
              - model_name: primary
                litellm_params: {model: openai/b, api_base: "\(second.baseURL)", api_key: k, order: 2}
            router_settings:
              num_retries: 1
            """)
        try await withGateway(config, clock: clock) { client in
            let response = try await Self.post(client)
            #expect(response.status == .ok)
        }
        #expect(clock.sleeps.isEmpty)
    }

    @Test func aStreamThatFailsBeforeItsFirstByteFallsBackTransparently() async throws {
        let broken = try await FakeOpenAIUpstream.start(.error(status: 503))
        let healthy = try await FakeOpenAIUpstream.start()
        defer { Task { await broken.stop(); await healthy.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/p, api_base: "\(broken.baseURL)", api_key: k}
              - model_name: backup
                litellm_params: {model: openai/b, api_base: "\(healthy.baseURL)", api_key: k}
            router_settings:
              fallbacks: [{primary: [backup]}]
            """)
        try await withGateway(config) { client in
            let response = try await Self.post(client, #"{"model":"primary","stream":true,"messages":[{"role":"user","content":"x"}]}"#)
            #expect(response.status == .ok)
            #expect(Self.header(response, "x-fallback-from") == "primary")
            #expect(String(buffer: response.body).hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test func aColdStartBridgeAnswersWhenThePrimaryIsSlow() async throws {
        let slow = try await FakeOpenAIUpstream.start(.delayed(milliseconds: 8000, .openAI()))
        let fast = try await FakeOpenAIUpstream.start()
        defer { Task { await slow.stop(); await fast.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/big, api_base: "\(slow.baseURL)", api_key: k}
              - model_name: small
                litellm_params: {model: openai/small, api_base: "\(fast.baseURL)", api_key: k}
            router_settings:
              cold_start_bridges: {primary: {bridge: small, after_ms: 100}}
            """)
        try await withGateway(config) { client in
            let started = ContinuousClock.now
            let response = try await Self.post(client)
            #expect(response.status == .ok)
            #expect(Self.header(response, "x-model-used") == "small; deployment=openai/small")
            #expect(Self.header(response, "x-bridged-from") == "primary")
            #expect(ContinuousClock.now - started < .seconds(6), "the 8 s primary was not waited for")
        }
        #expect(slow.requests.count == 1)
        #expect(fast.requests.count == 1)
    }

    @Test func aFastPrimaryNeverStartsTheBridge() async throws {
        let primary = try await FakeOpenAIUpstream.start()
        let bridge = try await FakeOpenAIUpstream.start()
        defer { Task { await primary.stop(); await bridge.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/big, api_base: "\(primary.baseURL)", api_key: k}
              - model_name: small
                litellm_params: {model: openai/small, api_base: "\(bridge.baseURL)", api_key: k}
            router_settings:
              cold_start_bridges: {primary: {bridge: small, after_ms: 2000}}
            """)
        try await withGateway(config) { client in
            let response = try await Self.post(client)
            #expect(Self.header(response, "x-model-used") == "primary; deployment=openai/big")
            #expect(Self.header(response, "x-bridged-from") == nil)
        }
        #expect(bridge.requests.isEmpty)
    }

    @Test func metricsCountRequestsRetriesFallbacksAndTokens() async throws {
        let broken = try await FakeOpenAIUpstream.start(.error(status: 500))
        let healthy = try await FakeOpenAIUpstream.start()
        defer { Task { await broken.stop(); await healthy.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/p, api_base: "\(broken.baseURL)", api_key: k}
              - model_name: backup
                litellm_params: {model: openai/b, api_base: "\(healthy.baseURL)", api_key: k}
            router_settings:
              num_retries: 1
              fallbacks: [{primary: [backup]}]
            """)
        try await withGateway(config, clock: ManualClock()) { client in
            _ = try await Self.post(client)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            let text = String(buffer: metrics.body)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(text.contains(#"switchyard_requests_total{route="chat/completions",model_group="primary",status="200"} 1"#))
            #expect(text.contains(#"switchyard_retries_total{model_group="primary"} 1"#))
            #expect(text.contains(#"switchyard_fallbacks_total{from="primary",to="backup"} 1"#))
            #expect(text.contains(#"switchyard_upstream_errors_total{model_group="primary",deployment="openai/p",status="500"} 2"#))
            #expect(text.contains(#"switchyard_tokens_total{model_group="backup",deployment="openai/b",kind="prompt"} 12"#))
            #expect(text.contains("# TYPE switchyard_request_duration_seconds histogram"))
            #expect(text.contains(#"switchyard_gateway_overhead_seconds_count{model_group="primary"} 1"#))
            #expect(text.contains(#"switchyard_deployment_in_flight{model_group="backup",deployment="openai/b"} 0"#))
        }
    }

    @Test func backgroundHealthChecksCoolABrokenDeployment() async throws {
        let broken = try await FakeOpenAIUpstream.start(.error(status: 401, message: "bad key", type: "invalid_request_error"))
        defer { Task { await broken.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/p, api_base: "\(broken.baseURL)", api_key: k}
              - model_name: mock
                litellm_params: {model: mock/m}
            general_settings:
              background_health_checks: true
              health_check_interval: 3600
            """)
        try await withGateway(config) { client in
            let deadline = ContinuousClock.now + .seconds(5)
            var unhealthy: [[String: Any]] = []
            while ContinuousClock.now < deadline {
                let health = try await client.execute(uri: "/health", method: .get)
                unhealthy = health.body.json["unhealthy_endpoints"] as? [[String: Any]] ?? []
                if !unhealthy.isEmpty { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(unhealthy.map { $0["deployment"] as? String } == ["openai/p"])
            #expect((unhealthy.first?["last_error"] as? String)?.contains("bad key") == true)
        }
        #expect(broken.requests.first?.json["max_tokens"] as? Int == 1)
    }
}
