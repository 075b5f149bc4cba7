import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// LiteLLM's token counter, per-model rate limits on keys, audio sent to models that cannot
/// hear it, and the lenient reading of chat requests.
@Suite struct UtilityOperationsTests {
    static func config(openAI: FakeOpenAIUpstream, anthropic: FakeAnthropicUpstream, media: FakeMediaUpstream) throws -> GatewayConfig {
        try TestConfig.load(
            """
            model_list:
              - {model_name: gpt-4o, litellm_params: {model: openai/gpt-4o, api_base: "\(openAI.baseURL)", api_key: sk-up}}
              - {model_name: claude, litellm_params: {model: anthropic/claude-sonnet-4-5, api_base: "\(anthropic.baseURL)", api_key: ak}}
              - {model_name: dall-e-3, litellm_params: {model: openai/dall-e-3, api_base: "\(media.baseURL)/v1", api_key: sk-up}}
            litellm_settings:
              drop_params: true
            general_settings:
              master_key: sk-master-123
            """
        )
    }

    static func withFakes(_ test: @Sendable (FakeOpenAIUpstream, FakeAnthropicUpstream, any TestClientProtocol) async throws -> Void) async throws {
        let openAI = try await FakeOpenAIUpstream.start()
        let anthropic = try await FakeAnthropicUpstream.start()
        let media = try await FakeMediaUpstream.start()
        defer { Task { await openAI.stop(); await anthropic.stop(); await media.stop() } }
        try await withGateway(try config(openAI: openAI, anthropic: anthropic, media: media)) { client in
            try await test(openAI, anthropic, client)
        }
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ body: String, key: String = "sk-master-123") async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: [.authorization: "Bearer \(key)", .contentType: "application/json"], body: ByteBuffer(string: body))
    }

    @Test func theTokenCounterAsksAnthropicAndEstimatesWhereNoProviderCounts() async throws {
        try await Self.withFakes { openAI, anthropic, client in
            let counted = try await Self.post(client, "/utils/token_counter", #"{"model":"claude","messages":[{"role":"user","content":"one two three four"}]}"#)
            #expect(counted.status == .ok, "\(String(buffer: counted.body))")
            #expect(counted.body.json["total_tokens"] as? Int == 4, "the fake counts words")
            #expect(counted.body.json["tokenizer_type"] as? String == "anthropic_api")
            #expect(counted.body.json["request_model"] as? String == "claude" && counted.body.json["model_used"] as? String == "claude-sonnet-4-5")
            #expect(anthropic.requests.last?.path == "/v1/messages/count_tokens")
            let estimated = try await Self.post(client, "/v1/utils/token_counter", #"{"model":"gpt-4o","prompt":"a prompt of some length to count"}"#)
            #expect(estimated.status == .ok)
            #expect((estimated.body.json["total_tokens"] as? Int ?? 0) > 0)
            #expect(estimated.body.json["tokenizer_type"] as? String == "byte_estimate")
            #expect(openAI.requests.isEmpty, "no upstream call for an estimate")
            let neither = try await Self.post(client, "/utils/token_counter", #"{"model":"gpt-4o"}"#)
            #expect(neither.status == .badRequest)
            #expect(AdminClient.error(neither)["param"] as? String == "messages")
        }
    }

    @Test func aKeysPerModelRateLimitHoldsImagesBackWhileChatGoesOn() async throws {
        try await Self.withFakes { _, _, client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["model_rpm_limit": ["dall-e-3": 1]])
            let info = try await admin.keyInfo(key)
            #expect(((info["metadata"] as? [String: Any])?["model_rpm_limit"] as? [String: Any])?["dall-e-3"] as? Int == 1)
            let image = #"{"model":"dall-e-3","prompt":"a lighthouse"}"#
            let first = try await Self.post(client, "/v1/images/generations", image, key: key)
            #expect(first.status == .ok)
            let second = try await Self.post(client, "/v1/images/generations", image, key: key)
            #expect(second.status == .tooManyRequests)
            #expect(second.headers[.retryAfter] != nil)
            #expect((AdminClient.error(second)["message"] as? String)?.contains("dall-e-3") == true)
            for _ in 0..<3 {
                #expect(try await admin.chat(key, model: "gpt-4o").status == .ok)
            }
        }
    }

    @Test func audioSentToAModelThatCannotHearItIsRefusedBeforeTheUpstream() async throws {
        try await Self.withFakes { _, anthropic, client in
            let body = #"{"model":"claude","drop_params":true,"messages":[{"role":"user","content":[{"type":"text","text":"What is said?"},{"type":"input_audio","input_audio":{"data":"UklGRiQAAABXQVZF","format":"wav"}}]}]}"#
            let answer = try await Self.post(client, "/v1/chat/completions", body)
            #expect(answer.status == .badRequest)
            let error = AdminClient.error(answer)
            #expect(error["code"] as? String == "audio_not_supported_by_model")
            #expect((error["message"] as? String)?.contains("Transcribe") == true)
            #expect(anthropic.requests.isEmpty)
        }
    }

    @Test func roleAliasesOutputLimitsStopSequencesAndBareStringPartsAreReadLeniently() async throws {
        try await Self.withFakes { openAI, anthropic, client in
            let body = #"""
                {"model":"gpt-4o","max_output_tokens":7,"stop_sequences":["END"],
                 "messages":[{"role":"human","content":["Hello", {"type":"text","text":" there"}]},{"role":"ai","content":"Hi"},{"role":"user","content":"Go"}]}
                """#
            let passed = try await Self.post(client, "/v1/chat/completions", body)
            #expect(passed.status == .ok, "\(String(buffer: passed.body))")
            let sent = try #require(openAI.requests.last?.json)
            #expect(sent["max_tokens"] as? Int == 7 && sent["max_output_tokens"] == nil)
            #expect(sent["stop"] as? [String] == ["END"] && sent["stop_sequences"] == nil)
            let messages = try #require(sent["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String } == ["user", "assistant", "user"])
            #expect((messages[0]["content"] as? [[String: Any]])?.first?["text"] as? String == "Hello")
            // The same request translated to Anthropic.
            let translated = try await Self.post(client, "/v1/chat/completions", body.replacingOccurrences(of: "gpt-4o", with: "claude"))
            #expect(translated.status == .ok, "\(String(buffer: translated.body))")
            let toAnthropic = try #require(anthropic.requests.last?.json)
            #expect(toAnthropic["max_tokens"] as? Int == 7 && toAnthropic["stop_sequences"] as? [String] == ["END"])
            // An alias that contradicts the real name is ambiguous.
            let ambiguous = try await Self.post(client, "/v1/chat/completions", #"{"model":"gpt-4o","max_tokens":5,"maxTokens":9,"messages":[{"role":"user","content":"x"}]}"#)
            #expect(ambiguous.status == .badRequest)
            #expect(AdminClient.error(ambiguous)["param"] as? String == "maxTokens")
        }
    }

    @Test func aWellFormedChatBodyPassesThroughByteForByte() async throws {
        try await Self.withFakes { openAI, _, client in
            let body = #"{"model":"gpt-4o",  "messages":[{"role":"user","content":[{"type":"text","text":"the human said \"ai\""}]}], "max_tokens":3}"#
            let answer = try await Self.post(client, "/v1/chat/completions", body)
            #expect(answer.status == .ok)
            #expect(openAI.requests.last.map { String(decoding: $0.body, as: UTF8.self) } == body)
        }
    }
}
