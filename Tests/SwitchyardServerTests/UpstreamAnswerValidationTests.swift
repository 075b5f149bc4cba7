import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// An upstream answer that is not what its dialect promises is a 502, never passed on as a
/// success or with a status that is no HTTP status.
@Suite struct UpstreamAnswerValidationTests {
    static let chat = #"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#
    static let stream = #"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}"#

    static func send(_ client: any TestClientProtocol, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    @Test(arguments: [
        FakeBehavior.raw(status: 200, contentType: "text/html", body: "<html><body>Welcome to the captive portal</body></html>"),
        FakeBehavior.raw(status: 200, contentType: "application/json", body: ""),
        FakeBehavior.raw(status: 200, contentType: "application/json", body: #"{"id":"chatcmpl-1","choices":[{"#),
    ])
    func aSuccessStatusWithABodyThatIsNotJSONIsA502(_ behavior: FakeBehavior) async throws {
        let upstream = try await FakeOpenAIUpstream.start(behavior)
        defer { Task { await upstream.stop() } }
        try await withGateway(try TestConfig.load(TestConfig.single(upstream: upstream))) { client in
            let answer = try await Self.send(client, Self.chat)
            #expect(answer.status == .badGateway)
            let error = answer.body.json["error"] as? [String: Any] ?? [:]
            #expect(error["code"] as? String == "bad_upstream_response")
        }
    }

    @Test func aStreamAnsweredWithHTMLOrNothingIsA502BeforeAnyHeaderIsSent() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.raw(status: 200, contentType: "text/html", body: "<html>maintenance</html>"))
        defer { Task { await upstream.stop() } }
        try await withGateway(try TestConfig.load(TestConfig.single(upstream: upstream))) { client in
            let html = try await Self.send(client, Self.stream)
            #expect(html.status == .badGateway)
            #expect((html.body.json["error"] as? [String: Any])?["code"] as? String == "bad_upstream_response")
            upstream.setBehavior(.raw(status: 200, contentType: "text/event-stream", body: ""))
            let empty = try await Self.send(client, Self.stream)
            #expect(empty.status == .badGateway)
        }
    }

    @Test func aStatusOutsideHTTPsRangeIsA502() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.raw(status: 999, contentType: "application/json", body: #"{"error":{"message":"odd"}}"#))
        defer { Task { await upstream.stop() } }
        try await withGateway(try TestConfig.load(TestConfig.single(upstream: upstream))) { client in
            let answer = try await Self.send(client, Self.chat)
            #expect(answer.status == .badGateway)
            #expect((answer.body.json["error"] as? [String: Any])?["message"] as? String == "The upstream openai answered with the invalid status 999.")
        }
    }

    @Test func anInvalidAnswerIsRetriedLikeAnyOtherUpstreamFailure() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.sequence([.raw(status: 200, contentType: "text/html", body: "<html/>"), .openAI()]))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream, settings: "router_settings: {num_retries: 1}"))
        try await withGateway(config) { client in
            let answer = try await Self.send(client, Self.chat)
            #expect(answer.status == .ok)
            #expect(upstream.requests.count == 2)
        }
    }
}
