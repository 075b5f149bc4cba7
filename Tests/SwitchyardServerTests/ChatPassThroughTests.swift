import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

@Suite struct ChatPassThroughTests {
    @Test func forwardsTheBodyWithOnlyTheModelSwappedAndRelaysTheAnswerByteForByte() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        let sent = #"{"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}], "temperature": 0.2, "custom_vendor_field": {"keep": [1, 2]}}"#
        try await withGateway(config) { client in
            let response = try await client.execute(
                uri: "/v1/chat/completions",
                method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer client-key"],
                body: ByteBuffer(string: sent)
            )
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == FakeBodies.completion(model: "gpt-4o-2024-08-06", text: "Hello from the fake upstream"))
            #expect(response.headers[HTTPField.Name("x-model-used")!] == "gpt-4o; deployment=openai/gpt-4o-2024-08-06")
            #expect(UUID(uuidString: response.headers[HTTPField.Name("x-request-id")!] ?? "") != nil)
            // 12 prompt tokens at 2.5e-6 and 5 completion tokens at 1e-5.
            #expect(response.headers[HTTPField.Name("x-credits-used")!] == "0.00008")
        }
        let received = try #require(upstream.requests.first)
        #expect(received.path == "/v1/chat/completions")
        #expect(String(decoding: received.body, as: UTF8.self) == sent.replacingOccurrences(of: #""gpt-4o""#, with: #""gpt-4o-2024-08-06""#))
        #expect(received.headers["authorization"] == "Bearer sk-upstream-secret")
    }

    @Test func echoesTheClientsRequestID() async throws {
        let config = GatewayConfig.demo()
        try await withGateway(config) { client in
            let response = try await client.execute(uri: "/health/liveliness", method: .get, headers: [HTTPField.Name("x-request-id")!: "trace-42"])
            #expect(response.headers[HTTPField.Name("x-request-id")!] == "trace-42")
            let missing = try await client.execute(uri: "/nope", method: .get, headers: [HTTPField.Name("x-request-id")!: "trace-43"])
            #expect(missing.headers[HTTPField.Name("x-request-id")!] == "trace-43")
        }
    }

    @Test(arguments: ["/v1/chat/completions", "/chat/completions", "/api/v1/chat/completions"])
    func servesEveryRoutePrefix(path: String) async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let response = try await client.execute(
                uri: path,
                method: .post,
                headers: [.contentType: "application/json"],
                body: jsonBody(["model": "mock", "messages": [["role": "user", "content": "ping"]]])
            )
            #expect(response.status == .ok)
            let message = ((response.body.json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])
            #expect(message?["content"] as? String == "Switchyard mock reply to: ping")
        }
    }

    @Test func forwardsEmbeddingsAndLegacyCompletions() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withGateway(config) { client in
            let embeddings = try await client.execute(
                uri: "/v1/embeddings", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"gpt-4o","input":"hello","encoding_format":"float"}"#)
            )
            #expect(embeddings.status == .ok)
            #expect(String(buffer: embeddings.body) == FakeBodies.embeddings(model: "gpt-4o-2024-08-06"))
            let completion = try await client.execute(
                uri: "/v1/completions", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"gpt-4o","prompt":"Say hi"}"#)
            )
            #expect(completion.status == .ok)
        }
        #expect(upstream.requests.map(\.path) == ["/v1/embeddings", "/v1/completions"])
        #expect(upstream.requests.last?.json["prompt"] as? String == "Say hi")
    }

    @Test func stripsGatewayOnlyFieldsBeforeForwarding() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withGateway(config) { client in
            let response = try await client.execute(
                uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"tags":["a"],"fallbacks":["b"],"user":"u1"}"#)
            )
            #expect(response.status == .ok)
        }
        let forwarded = try #require(upstream.requests.first).json
        #expect(forwarded["tags"] == nil)
        #expect(forwarded["fallbacks"] == nil)
        #expect(forwarded["user"] as? String == "u1")
    }
}
