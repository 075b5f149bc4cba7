extension ChatCompletionRequest {
    /// Sets the sampling and output fields from a Gemini `generationConfig`.
    ///
    /// `maxOutputTokens` → `max_tokens`, `stopSequences` → `stop`, `candidateCount` → `n`,
    /// `responseLogprobs`/`logprobs` → `logprobs`/`top_logprobs`, `topK` → `extra["top_k"]`;
    /// `application/json` output → `json_object`, or `json_schema` named `response` when a schema
    /// is given; a thinking budget → `reasoning_effort` (≤1024 low, ≤8192 medium, more high; 0 and
    /// -1, "off" and "dynamic", have no OpenAI value and are left out).
    mutating func applyGeminiGenerationConfig(_ config: GeminiGenerationConfig, policy: GeminiDropPolicy) throws {
        temperature = config.temperature
        topP = config.topP
        seed = config.seed
        presencePenalty = config.presencePenalty
        frequencyPenalty = config.frequencyPenalty
        maxTokens = config.maxOutputTokens
        stop = config.stopSequences
        n = config.candidateCount
        if config.responseLogprobs == true { logprobs = true }
        topLogprobs = config.logprobs
        if let topK = config.topK { extra["top_k"] = .number(topK) }
        try applyGeminiResponseFormat(config, policy: policy)
        if let thinking = config.thinkingConfig {
            reasoningEffort = Self.geminiReasoningEffort(for: thinking)
        }
        if let modalities = config.responseModalities, !modalities.allSatisfy({ $0.uppercased() == "TEXT" }) {
            try policy.unsupported(
                "`generationConfig.responseModalities` other than TEXT has no OpenAI Chat Completions equivalent.",
                param: "generationConfig.responseModalities"
            )
        }
        if config.speechConfig != nil {
            try policy.unsupported(
                "`generationConfig.speechConfig` has no OpenAI Chat Completions equivalent.",
                param: "generationConfig.speechConfig"
            )
        }
        if config.imageConfig != nil {
            try policy.unsupported(
                "`generationConfig.imageConfig` has no OpenAI Chat Completions equivalent.",
                param: "generationConfig.imageConfig"
            )
        }
        for key in config.extra.keys.sorted() {
            try policy.unsupported(
                "`generationConfig.\(key)` has no OpenAI Chat Completions equivalent.",
                param: "generationConfig.\(key)"
            )
        }
    }

    private mutating func applyGeminiResponseFormat(_ config: GeminiGenerationConfig, policy: GeminiDropPolicy) throws {
        let schema = config.responseJsonSchema ?? config.responseSchema.map(GeminiSchema.jsonSchema(fromOpenAPI:))
        let mimeType = config.responseMimeType?.lowercased()
        switch mimeType {
        case "application/json" where schema != nil, nil where schema != nil:
            responseFormat = .jsonSchema(ResponseFormat.JSONSchema(name: "response", schema: schema))
        case "application/json":
            responseFormat = .jsonObject
        case "text/plain", nil:
            break
        case .some(let other):
            try policy.unsupported(
                "The response type `\(other)` has no OpenAI Chat Completions equivalent.",
                param: "generationConfig.responseMimeType"
            )
        }
    }

    /// The OpenAI effort for a Gemini thinking budget, or for a Gemini 3 thinking level.
    static func geminiReasoningEffort(for thinking: GeminiThinkingConfig) -> ReasoningEffort? {
        if let budget = thinking.thinkingBudget {
            switch budget {
            case ...0: return nil
            case ...1024: return .low
            case ...8192: return .medium
            default: return .high
            }
        }
        switch thinking.thinkingLevel?.lowercased() {
        case "minimal": return .minimal
        case "low": return .low
        case "medium": return .medium
        case "high": return .high
        default: return nil
        }
    }
}
