/// Every text a request body carries, with its path, so that guardrails see system prompts,
/// messages, tool definitions, tool-call arguments and tool results on every surface alike,
/// and masked texts can be written back where they came from.
///
/// Ids, model names, roles, base64 image and audio data and media URLs are not texts.
/// Anthropic `thinking` blocks are skipped too: they are signed, and a masked one would be
/// refused upstream.
public struct GuardrailTexts: Sendable {
    public private(set) var texts: [GuardrailText]

    init(texts: [GuardrailText]) {
        self.texts = texts
    }

    /// The texts of `body`, a request of `surface`, in document order.
    public init(body: JSONValue, surface: GuardrailSurface) {
        var collector = GuardrailTextCollector()
        switch surface {
        case .chatCompletions: collector.addChat(body)
        case .completions: collector.addCompletion(body)
        case .embeddings: collector.addEmbedding(body)
        case .responses: collector.addResponses(body)
        case .anthropicMessages: collector.addAnthropic(body)
        case .geminiGenerateContent: collector.addGemini(body)
        }
        texts = collector.texts
    }

    /// `body` with each of `texts` written at its path (the texts as changed by masking).
    /// Paths that do not exist in `body` are ignored.
    public static func applying(_ texts: [GuardrailText], to body: JSONValue) -> JSONValue {
        var result = body
        for text in texts {
            result.replace(at: text.path, with: .string(text.text))
        }
        return result
    }
}
