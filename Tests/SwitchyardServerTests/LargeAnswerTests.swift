import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// Whole answers larger than the gateway holds are passed on as they arrive, byte for byte,
/// and still charged from the usage at their end (CONTRACT §11).
@Suite struct LargeAnswerTests {
    /// An embeddings answer of about `megabytes` MB, in OpenAI's shape.
    static func embeddings(megabytes: Int) -> String {
        let vector = Array(repeating: "0.0123456789", count: megabytes * 1024 * 1024 / 13).joined(separator: ",")
        return #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":[\#(vector)]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":7,"total_tokens":7}}"#
    }

    static func config(_ upstream: FakeOpenAIUpstream) throws -> GatewayConfig {
        try TestConfig.load("""
            model_list:
              - model_name: embed
                litellm_params: {model: openai/text-embedding-3-small, api_base: "\(upstream.baseURL)", api_key: k}
                model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0}
            """)
    }

    static func embed(_ client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: "/v1/embeddings", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"model":"embed","input":"hi"}"#)
        )
    }

    @Test func aLargeAnswerArrivesWholeAndItsUsageIsCounted() async throws {
        let answer = Self.embeddings(megabytes: 12)
        let upstream = try await FakeOpenAIUpstream.start(.raw(status: 200, contentType: "application/json", body: answer))
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let response = try await Self.embed(client)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == answer.utf8.count)
            #expect(String(buffer: response.body) == answer)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            let prompt = metrics.split(separator: "\n").first { $0.hasPrefix("switchyard_tokens_total") && $0.contains(#"kind="prompt""#) }
            #expect(prompt?.hasSuffix(" 7") == true, "\(prompt ?? "no prompt token series")")
        }
    }

    @Test func aLargeAnswerThatIsNotJSONIs502() async throws {
        let html = "<html>" + String(repeating: "<p>maintenance</p>", count: 400_000) + "</html>"
        let upstream = try await FakeOpenAIUpstream.start(.raw(status: 200, contentType: "text/html", body: html))
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let response = try await Self.embed(client)
            #expect(response.status == .badGateway)
            #expect(String(buffer: response.body).contains("bad_upstream_response"))
        }
    }
}
