import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

@Suite struct ErrorEnvelopeTests {
    static func post(_ client: any TestClientProtocol, _ body: String, path: String = "/v1/chat/completions", headers: HTTPFields = [.contentType: "application/json"]) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func error(_ response: TestResponse) -> [String: Any] {
        response.body.json["error"] as? [String: Any] ?? [:]
    }

    @Test func malformedJSONIsA400NamingTheProblem() async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let response = try await Self.post(client, #"{"model": "mock", "messages": [}"#)
            #expect(response.status == .badRequest)
            let error = Self.error(response)
            #expect(error["type"] as? String == "invalid_request_error")
            #expect((error["message"] as? String)?.contains("malformed JSON at byte 31: expected a value") == true)
            #expect(error.keys.sorted() == ["code", "message", "param", "type"])
        }
    }

    @Test(arguments: [
        (#"{"messages":[{"role":"user","content":"x"}]}"#, "model"),
        (#"{"model":"mock"}"#, "messages"),
        (#"{"model":"mock","messages":[]}"#, "messages"),
        (#"{"model":"mock","messages":"hi"}"#, "messages"),
        (#"{"model":42,"messages":[]}"#, "model"),
        (#"{"model":"mock","messages":[{"role":"user","content":"x"}],"stream":"yes"}"#, "stream"),
    ])
    func schemaViolationsNameTheField(body: String, field: String) async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let response = try await Self.post(client, body)
            #expect(response.status == .badRequest)
            #expect(Self.error(response)["param"] as? String == field)
            #expect((Self.error(response)["message"] as? String)?.contains(field) == true)
        }
    }

    @Test func unknownModelIsA404InOpenAIsShape() async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let response = try await Self.post(client, #"{"model":"gpt-9","messages":[{"role":"user","content":"x"}]}"#)
            #expect(response.status == .notFound)
            #expect(Self.error(response)["code"] as? String == "model_not_found")
            #expect(Self.error(response)["message"] as? String == "The model `gpt-9` does not exist or you do not have access to it.")
        }
    }

    @Test func unknownRoutesGetTheEnvelopeOfTheirSurface() async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let openAI = try await client.execute(uri: "/v1/nothing-here", method: .get)
            #expect(openAI.status == .notFound)
            #expect(Self.error(openAI)["type"] as? String == "invalid_request_error")
            let anthropic = try await client.execute(uri: "/v1/messages/batches/x", method: .get)
            #expect(anthropic.body.json["type"] as? String == "error")
            let gemini = try await client.execute(uri: "/v1beta/models/x:countTokens", method: .post)
            #expect(Self.error(gemini)["status"] as? String == "NOT_FOUND")
        }
    }

    @Test func aBodyOverTheLimitIsA413() async throws {
        let config = try TestConfig.load(TestConfig.mockWithOneMegabyteLimit)
        try await withGateway(config) { client in
            let big = String(repeating: "a", count: 1_200_000)
            let response = try await Self.post(client, #"{"model":"mock","messages":[{"role":"user","content":"\#(big)"}]}"#)
            #expect(response.status == .contentTooLarge)
            #expect(Self.error(response)["code"] as? String == "request_too_large")
        }
    }

    @Test func theDefaultLimitAdmitsLargeBase64Images() async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let image = String(repeating: "QUJD", count: 5_000_000)
            let response = try await Self.post(client, #"{"model":"mock","messages":[{"role":"user","content":[{"type":"text","text":"describe"},{"type":"image_url","image_url":{"url":"data:image/png;base64,\#(image)"}}]}]}"#)
            #expect(response.status == .ok)
        }
    }

    @Test func upstreamErrorsPassThroughWithTheirStatusAndMessage() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.error(status: 400, message: "This model's maximum context length is 128000 tokens.", type: "invalid_request_error"))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withGateway(config) { client in
            let response = try await Self.post(client, #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(response.status == .badRequest)
            #expect(Self.error(response)["message"] as? String == "This model's maximum context length is 128000 tokens.")
            #expect(Self.error(response)["type"] as? String == "invalid_request_error")
        }
    }

    @Test func upstreamRateLimitsKeepRetryAfter() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.error(status: 429, message: "slow down", type: "requests", retryAfter: 7))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withGateway(config) { client in
            let response = try await Self.post(client, #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(response.status == .tooManyRequests)
            #expect(response.headers[.retryAfter] == "7")
        }
    }

    @Test func nonJSONUpstreamErrorsAreWrapped() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.raw(status: 502, contentType: "text/html", body: "<html>Bad Gateway</html>"))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withGateway(config) { client in
            let response = try await Self.post(client, #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(response.status == .badGateway)
            #expect((Self.error(response)["message"] as? String)?.contains("<html>Bad Gateway</html>") == true)
        }
    }

    @Test func anUnreachableUpstreamIsA502() async throws {
        let config = try TestConfig.load("""
            model_list:
              - model_name: gpt-4o
                litellm_params: {model: openai/gpt-4o, api_base: "http://127.0.0.1:9/v1", api_key: k}
            """)
        try await withGateway(config) { client in
            let response = try await Self.post(client, #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(response.status == .badGateway)
            #expect(Self.error(response)["code"] as? String == "upstream_unreachable")
        }
    }

    @Test func aSilentUpstreamTimesOutWith504() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.hang)
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream, extra: "      timeout: 0.3"))
        try await withGateway(config) { client in
            let started = ContinuousClock.now
            let response = try await Self.post(client, #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(response.status == .gatewayTimeout)
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }

    @Test func aStreamWithNoFirstByteTimesOutOnStreamTimeout() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.hang)
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream, extra: "      timeout: 30\n      stream_timeout: 0.3"))
        try await withGateway(config) { client in
            let started = ContinuousClock.now
            let response = try await Self.post(client, StreamingTests.streamBody)
            #expect(response.status == .gatewayTimeout)
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }
}
