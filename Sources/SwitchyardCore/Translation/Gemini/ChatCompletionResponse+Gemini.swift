extension ChatCompletionResponse {
    /// The OpenAI form of a Gemini provider's `generateContent` response.
    ///
    /// One choice per candidate: text parts joined → `content`, thought parts → `reasoning_content`,
    /// `functionCall` parts → `tool_calls` (the part's id, else a `call_<hex>` derived from the
    /// response id, candidate and position), signatures → `extra_content.google.thought_signature`.
    /// A prompt blocked before any candidate gives one empty `content_filter` choice.
    ///
    /// - Parameters:
    ///   - requestedModel: the model name the client asked for, written as `model`.
    ///   - id: the completion id; also seeds tool-call ids when Gemini sent no `responseId`.
    ///   - created: Unix time in seconds.
    public init(gemini response: GeminiGenerateContentResponse, requestedModel: String, id: String, created: Int) {
        let seed = response.responseId ?? id
        var choices: [ChatChoice] = []
        for (position, candidate) in (response.candidates ?? []).enumerated() {
            let index = candidate.index ?? position
            let content = GeminiCandidateContent(candidate.content?.parts ?? [], seed: seed, candidate: index)
            let message = ChatMessage(
                role: .assistant,
                content: content.text.isEmpty && !content.toolCalls.isEmpty ? nil : .text(content.text),
                toolCalls: content.toolCalls.isEmpty ? nil : content.toolCalls,
                reasoningContent: content.reasoning.isEmpty ? nil : content.reasoning,
                extra: GeminiThoughtSignature.extra(content.signature)
            )
            let reason = (candidate.finishReason ?? .stop).openAI(calledFunctions: !content.toolCalls.isEmpty)
            choices.append(ChatChoice(index: index, message: message, finishReason: reason))
        }
        if choices.isEmpty, response.promptFeedback?.blockReason != nil {
            let message = ChatMessage(role: .assistant, content: .text(""))
            choices.append(ChatChoice(index: 0, message: message, finishReason: .contentFilter))
        }
        self.init(
            id: id,
            created: created,
            model: requestedModel,
            choices: choices,
            usage: response.usageMetadata.map(Usage.init(gemini:))
        )
    }
}
