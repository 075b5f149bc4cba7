import Foundation
import SwitchyardCore

/// Decoded chunks written to a client as the gateway writes them: OpenAI chunks as JSON,
/// and through the Anthropic and Gemini client-side translators. Whatever an upstream sent,
/// what reached this stage must be writable.
enum ClientStreamChecks {
    static func forward(_ chunks: [ChatCompletionChunk]) {
        var anthropic = OpenAIToAnthropicStream(requestedModel: "fuzz-model")
        var gemini = OpenAIToGeminiStream(model: "fuzz-model", responseId: "fuzz")
        var events: [AnthropicStreamEvent] = []
        var responses: [GeminiGenerateContentResponse] = []
        for chunk in chunks {
            fuzzCheck((try? JSONEncoder().encode(chunk)) != nil, "a decoded chunk cannot be written as JSON: \(chunk)")
            events += anthropic.consume(chunk)
            responses += gemini.translate(chunk)
        }
        events += anthropic.finish()
        responses += gemini.finish()
        for event in events {
            fuzzCheck((try? event.sseEncoded()) != nil, "an Anthropic event cannot be written: \(event)")
        }
        for response in responses {
            fuzzCheck((try? JSONEncoder().encode(response)) != nil, "a Gemini chunk cannot be written as JSON: \(response)")
        }
    }
}
