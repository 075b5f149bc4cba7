import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

@Suite("Bedrock chat dialect")
struct BedrockProviderTranslationTests {
    static let deployment = Deployment(
        modelName: "claude",
        provider: .bedrock,
        upstreamModel: "anthropic.claude-3-5-sonnet-20240620-v1:0",
        litellmModel: "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
        extraParams: [
            "aws_region_name": "us-west-2",
            "aws_access_key_id": "AKIDEXAMPLE",
            "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ]
    )

    @Test("a streamed chat becomes a signed ConverseStream request with a Converse body")
    func request() throws {
        let chat = try BedrockTestSupport.chatRequest(#"{"model":"claude","stream":true,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],"max_tokens":50}"#)
        let request = try BedrockProvider().request(for: chat, deployment: Self.deployment, upstreamModel: Self.deployment.upstreamModel, dropUnsupported: false)
        #expect(request.url == "https://bedrock-runtime.us-west-2.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream")
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(request.body.readableBytesView))
        #expect(body == ["messages": [["role": "user", "content": [["text": "Hi"]]]], "system": [["text": "Be brief."]], "inferenceConfig": ["maxTokens": 50]])
        let authorization = request.headers.first { $0.name == "authorization" }?.value ?? ""
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"))
        #expect(authorization.contains("/us-west-2/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature="))
    }

    @Test("a Converse answer and a ConverseStream body come back as OpenAI")
    func answers() throws {
        let chat = try BedrockTestSupport.chatRequest(#"{"model":"claude","messages":[{"role":"user","content":"Hi"}]}"#)
        let body = ByteBuffer(string: #"{"output":{"message":{"role":"assistant","content":[{"text":"Hello!"}]}},"stopReason":"end_turn","usage":{"inputTokens":3,"outputTokens":2,"totalTokens":5},"metrics":{"latencyMs":9}}"#)
        let response = try BedrockProvider().response(from: body, for: chat, requestedModel: "claude", created: 7)
        #expect(response.choices.first?.message.content == .text("Hello!"))
        #expect(response.id.hasPrefix("chatcmpl-"))

        var decoder = BedrockProvider().streamDecoder(for: chat, requestedModel: "claude", created: 7, includeUsage: true)
        let bytes = BedrockStreamTranslationTests.recorded.flatMap { $0.encoded() }
        let chunks = try decoder.decode(ByteBuffer(bytes: bytes)) + decoder.finish()
        #expect(chunks.count == BedrockStreamTranslationTests.expected.count)
        #expect(decoder.usage?.promptTokens == 512)
    }

    @Test("errors in Bedrock's shape map with their status; others are left to the caller")
    func errors() {
        let dialect = BedrockProvider()
        let throttled = dialect.error(status: 429, body: ByteBuffer(string: #"{"message":"Too many requests, please wait before trying again."}"#))
        #expect(throttled?.status == 429)
        #expect(throttled?.isRetryable == true)
        #expect(dialect.error(status: 502, body: ByteBuffer(string: "<html>bad gateway</html>")) == nil)
    }
}
