extension GeminiGenerationConfig {
    /// Thinking budgets for OpenAI reasoning efforts.
    static let thinkingBudgets: [ReasoningEffort: Int] = [.minimal: 128, .low: 1024, .medium: 8192, .high: 24576]

    /// The sampling and output controls of an OpenAI request.
    ///
    /// `max_completion_tokens` (else `max_tokens`) → `maxOutputTokens`, `n` → `candidateCount`,
    /// `stop` → `stopSequences`, `extra["top_k"]` → `topK`; `json_object` → JSON output,
    /// `json_schema` → JSON output with `responseJsonSchema`; `reasoning_effort` → a thinking
    /// budget (minimal 128, low 1024, medium 8192, high 24576) with thought summaries, `none` → 0.
    init(openAI request: ChatCompletionRequest, policy: GeminiDropPolicy) throws {
        self.init(
            stopSequences: request.stop,
            candidateCount: request.n,
            maxOutputTokens: request.maxCompletionTokens ?? request.maxTokens,
            temperature: request.temperature,
            topP: request.topP,
            topK: request.extra["top_k"]?.numberValue,
            seed: request.seed,
            presencePenalty: request.presencePenalty,
            frequencyPenalty: request.frequencyPenalty
        )
        switch request.responseFormat {
        case .jsonObject:
            responseMimeType = "application/json"
        case .jsonSchema(let format):
            responseMimeType = "application/json"
            responseJsonSchema = format.schema
        case .other:
            try policy.unsupported("This `response_format` cannot be expressed for Gemini.", param: "response_format")
        case .text, nil:
            break
        }
        switch request.reasoningEffort {
        case .some(.none):
            thinkingConfig = GeminiThinkingConfig(thinkingBudget: 0)
        case .some(.other(let effort)):
            try policy.unsupported("The reasoning effort `\(effort)` is unknown.", param: "reasoning_effort")
        case .some(let effort):
            thinkingConfig = GeminiThinkingConfig(thinkingBudget: Self.thinkingBudgets[effort], includeThoughts: true)
        case nil:
            break
        }
        if request.logitBias != nil {
            try policy.unsupported("Gemini has no `logit_bias`.", param: "logit_bias")
        }
        if request.logprobs == true {
            try policy.unsupported("The gateway does not translate log probabilities from Gemini.", param: "logprobs")
        }
        if request.topLogprobs != nil {
            try policy.unsupported("The gateway does not translate log probabilities from Gemini.", param: "top_logprobs")
        }
        if let modalities = request.modalities, modalities.contains(where: { $0 != "text" }) {
            try policy.unsupported("Gemini chat translation produces text only.", param: "modalities")
        }
    }
}
