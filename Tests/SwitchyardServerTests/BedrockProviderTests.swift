import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

@Suite struct BedrockProviderTests {
    static func config(_ upstream: FakeBedrockUpstream) throws -> GatewayConfig {
        try TestConfig.load("""
            model_list:
              - model_name: claude-bedrock
                litellm_params:
                  model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
                  api_base: \(upstream.baseURL)
                  aws_access_key_id: AKIDEXAMPLE
                  aws_secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
                  aws_region_name: us-east-1
            """)
    }

    @Test func openAIClientsReachBedrockConverseSigned() async throws {
        let upstream = try await FakeBedrockUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let response = try await client.execute(
                uri: "/v1/chat/completions", method: .post,
                body: ByteBuffer(string: #"{"model":"claude-bedrock","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi there"}]}"#)
            )
            #expect(response.status == .ok)
            let message = ((response.body.json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])
            #expect(message?["content"] as? String == "Bedrock says: hi there")
            #expect((response.body.json["usage"] as? [String: Any])?["total_tokens"] as? Int == 15)
        }
        let received = try #require(upstream.received.first)
        #expect(received.path == "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse")
        #expect(received.headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") == true)
        #expect(received.headers["authorization"]?.contains("/us-east-1/bedrock/aws4_request") == true)
        #expect(received.headers["x-amz-date"] != nil)
        let sent = try #require(try JSONSerialization.jsonObject(with: received.body) as? [String: Any])
        #expect((sent["system"] as? [[String: Any]])?.first?["text"] as? String == "Be brief.")
    }

    @Test(arguments: ["/v1/chat/completions", "/v1/messages"])
    func streamsFromConverseStreamReachEveryClient(path: String) async throws {
        let upstream = try await FakeBedrockUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let body = path.hasSuffix("messages")
                ? #"{"model":"claude-bedrock","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"stream please"}]}"#
                : #"{"model":"claude-bedrock","stream":true,"messages":[{"role":"user","content":"stream please"}]}"#
            let response = try await client.execute(uri: path, method: .post, body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            let client: DialectMatrixTests.Client = path.hasSuffix("messages") ? .anthropic : .openAI
            let (text, kinds) = DialectMatrixTests.streamedText(client, response.body)
            #expect(text == "Bedrock says: stream please")
            #expect(kinds.last == (client == .openAI ? "[DONE]" : "message_stop"))
        }
        #expect(upstream.received.first?.path.hasSuffix("/converse-stream") == true)
    }
}
