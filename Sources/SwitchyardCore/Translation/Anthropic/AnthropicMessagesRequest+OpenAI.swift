extension AnthropicMessagesRequest {
    /// The Anthropic Messages request for an OpenAI pivot request (any client → Anthropic).
    ///
    /// - System and developer messages, wherever they stand, are joined into `system`;
    ///   consecutive same-role messages merge (Anthropic turns alternate, user first); `tool`
    ///   messages become user `tool_result` blocks; `tool_calls` become `tool_use` blocks.
    /// - `max_completion_tokens` or `max_tokens`, else `defaultMaxTokens`, is `max_tokens`.
    /// - `response_format` json_schema / json_object is emulated with a forced tool named
    ///   `json_tool_call` (see `usesJSONResponseTool`); `reasoning_effort` becomes thinking
    ///   (low 1024, medium 4096, high 16384 budget tokens) unless `extra["thinking"]` carries
    ///   the client's own config, which wins.
    /// - `cache_control` on parts, messages, tool calls and tools is carried to the blocks.
    ///
    /// What Anthropic cannot take fails with a 400 naming the field, unless `dropUnsupported`:
    /// `n` > 1, `logprobs`, `top_logprobs`, `logit_bias`, penalties, `seed`, temperature > 1
    /// (clamped to 1 when dropping), non-function tools, audio and file-id parts, a conversation
    /// that starts with the assistant (a user turn "." is prepended when dropping), tool blocks
    /// with no tools (a placeholder tool is added when dropping). Tool-call arguments that are
    /// not a JSON object always fail. OpenAI-only members with no effect on the answer
    /// (`store`, `metadata`, `service_tier`, `stream_options`, `modalities`, `extra`) are ignored.
    public init(openAI request: ChatCompletionRequest, defaultMaxTokens: Int = 4096, dropUnsupported: Bool = false) throws {
        let policy = TranslationPolicy(dropUnsupported: dropUnsupported)
        var builder = AnthropicConversationBuilder(policy: policy)
        for (index, message) in request.messages.enumerated() {
            try builder.add(message, index: index)
        }
        var messages = builder.turns
        if messages.first?.role != .user {
            try policy.unsupported(
                messages.isEmpty
                    ? "Anthropic needs at least one user or assistant message."
                    : "Anthropic conversations must start with a user message, not the assistant.",
                param: "messages"
            )
            messages.insert(AnthropicMessage(role: .user, content: .text(".")), at: 0)
        }
        self.init(
            model: request.model,
            messages: messages,
            system: builder.systemPrompt,
            maxTokens: request.maxCompletionTokens ?? request.maxTokens ?? defaultMaxTokens,
            stopSequences: request.stop,
            stream: request.stream,
            topP: request.topP
        )
        if let user = request.user {
            metadata = AnthropicMetadata(userID: user)
        }
        topK = request.extra[AnthropicPivotKey.topK]?.intValue
        try applyTemperature(request.temperature, policy: policy)
        try rejectUnsupportedSampling(request, policy: policy)
        try applyTools(request, policy: policy)
        try applyThinking(request, explicitMaxTokens: request.maxCompletionTokens ?? request.maxTokens, policy: policy)
    }

    private mutating func applyTemperature(_ value: Double?, policy: TranslationPolicy) throws {
        guard let value, value > 1 else {
            temperature = value
            return
        }
        try policy.unsupported("Anthropic's temperature ranges from 0 to 1; \(value) is out of range.", param: "temperature")
        temperature = 1
    }

    private func rejectUnsupportedSampling(_ request: ChatCompletionRequest, policy: TranslationPolicy) throws {
        if let n = request.n, n > 1 {
            try policy.unsupported("Anthropic returns one choice; n must be 1.", param: "n")
        }
        if request.logprobs == true {
            try policy.unsupported("Anthropic does not return log probabilities.", param: "logprobs")
        }
        if request.topLogprobs != nil {
            try policy.unsupported("Anthropic does not return log probabilities.", param: "top_logprobs")
        }
        if let bias = request.logitBias, !bias.isEmpty {
            try policy.unsupported("Anthropic has no logit bias.", param: "logit_bias")
        }
        if let penalty = request.presencePenalty, penalty != 0 {
            try policy.unsupported("Anthropic has no presence penalty.", param: "presence_penalty")
        }
        if let penalty = request.frequencyPenalty, penalty != 0 {
            try policy.unsupported("Anthropic has no frequency penalty.", param: "frequency_penalty")
        }
        if request.seed != nil {
            try policy.unsupported("Anthropic has no seed.", param: "seed")
        }
    }
}
