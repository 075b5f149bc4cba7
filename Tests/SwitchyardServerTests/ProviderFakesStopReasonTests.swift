import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// A reply cut by the output limit, across dialects: the client's limit reaches the provider
/// in the provider's field, and the provider's stop reason comes back in the client's words.
/// The fakes cut a reply at the limit, counting one token a word.
@Suite struct ProviderFakesStopReasonTests {
    @Test func anOpenAIClientsMaxTokensCutsAnAnthropicReplyWhichFinishesWithLength() async throws {
        let anthropic = try await FakeAnthropicUpstream.start()
        defer { Task { await anthropic.stop() } }
        try await withGateway(try ProviderFakesTests.config(anthropic: anthropic)) { client in
            let whole = try await ProviderFakesTests.post(client, "/v1/chat/completions", #"{"model":"claude","max_tokens":2,"messages":[{"role":"user","content":"say a lot"}]}"#)
            let choice = try #require((whole.body.json["choices"] as? [[String: Any]])?.first)
            #expect((choice["message"] as? [String: Any])?["content"] as? String == "Anthropic heard:")
            #expect(choice["finish_reason"] as? String == "length")
            #expect((whole.body.json["usage"] as? [String: Any])?["completion_tokens"] as? Int == 2)

            let streamed = try await ProviderFakesTests.post(client, "/v1/chat/completions", #"{"model":"claude","max_completion_tokens":3,"stream":true,"messages":[{"role":"user","content":"say a lot"}]}"#)
            let choices = ProviderFakesTests.events(streamed.body).compactMap { ($0["choices"] as? [[String: Any]])?.first }
            #expect(choices.compactMap { $0["finish_reason"] as? String } == ["length"])
        }
        #expect(anthropic.requests.map { $0.json["max_tokens"] as? Int } == [2, 3])
    }

    @Test func anAnthropicClientsMaxTokensCutsAGeminiReplyWhichStopsWithMaxTokens() async throws {
        let gemini = try await FakeGeminiUpstream.start()
        defer { Task { await gemini.stop() } }
        try await withGateway(try ProviderFakesTests.config(gemini: gemini)) { client in
            let whole = try await ProviderFakesTests.post(client, "/v1/messages", #"{"model":"flash","max_tokens":3,"messages":[{"role":"user","content":"one two"}]}"#)
            #expect((whole.body.json["content"] as? [[String: Any]])?.first?["text"] as? String == "Gemini heard: one")
            #expect(whole.body.json["stop_reason"] as? String == "max_tokens")
            #expect((whole.body.json["usage"] as? [String: Any])?["output_tokens"] as? Int == 3)

            let streamed = try await ProviderFakesTests.post(client, "/v1/messages", #"{"model":"flash","max_tokens":3,"stream":true,"messages":[{"role":"user","content":"one two"}]}"#)
            let deltas = ProviderFakesTests.events(streamed.body).compactMap { $0["delta"] as? [String: Any] }
            #expect(deltas.compactMap { $0["stop_reason"] as? String } == ["max_tokens"])
        }
        #expect(gemini.requests.map { ($0.json["generationConfig"] as? [String: Any])?["maxOutputTokens"] as? Int } == [3, 3])
    }

    @Test func aGeminiClientsMaxOutputTokensCutsAnAnthropicReplyWhichFinishesWithMaxTokens() async throws {
        let anthropic = try await FakeAnthropicUpstream.start()
        defer { Task { await anthropic.stop() } }
        try await withGateway(try ProviderFakesTests.config(anthropic: anthropic)) { client in
            let response = try await ProviderFakesTests.post(client, "/v1beta/models/claude:generateContent", #"{"generationConfig":{"maxOutputTokens":2},"contents":[{"role":"user","parts":[{"text":"say a lot"}]}]}"#)
            let candidate = try #require((response.body.json["candidates"] as? [[String: Any]])?.first)
            #expect(candidate["finishReason"] as? String == "MAX_TOKENS")
            #expect((response.body.json["usageMetadata"] as? [String: Any])?["candidatesTokenCount"] as? Int == 2)
        }
        #expect(anthropic.requests.first?.json["max_tokens"] as? Int == 2)
    }
}
