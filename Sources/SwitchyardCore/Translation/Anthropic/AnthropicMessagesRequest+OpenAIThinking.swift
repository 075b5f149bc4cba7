extension AnthropicMessagesRequest {
    /// The thinking budget for an OpenAI reasoning effort: low 1024, medium 4096, high 16384
    /// (`minimal` counts as low); nil for `none` and for levels Anthropic has no budget for.
    public static func thinkingBudget(for effort: ReasoningEffort) -> Int? {
        switch effort {
        case .minimal, .low: 1024
        case .medium: 4096
        case .high: 16384
        case .none, .other: nil
        }
    }

    /// Sets `thinking` from `extra["thinking"]` or `reasoning_effort`, then makes the rest of
    /// the request fit Anthropic's rules for thinking.
    mutating func applyThinking(_ request: ChatCompletionRequest, explicitMaxTokens: Int?, policy: TranslationPolicy) throws {
        if let original = request.extra[AnthropicPivotKey.thinking]?.decoded(as: AnthropicThinkingConfig.self) {
            thinking = original
        } else if let effort = request.reasoningEffort, effort != .none {
            guard let budget = Self.thinkingBudget(for: effort) else {
                try policy.unsupported("reasoning_effort `\(effort.rawValue)` has no Anthropic equivalent.", param: "reasoning_effort")
                return
            }
            try setThinkingBudget(budget, explicitMaxTokens: explicitMaxTokens, policy: policy)
        }
        guard let thinking, thinking.isEnabled else { return }
        try fitSamplingToThinking(policy: policy)
        try fitToolChoiceToThinking(policy: policy)
        if case .enabled = thinking {
            try requireThinkingBeforeOpenToolCall(policy: policy)
        }
    }

    /// `budget_tokens` must stay below `max_tokens`: with no explicit limit `max_tokens` grows
    /// to make room; an explicit limit is kept and the budget shrinks to half of it.
    private mutating func setThinkingBudget(_ budget: Int, explicitMaxTokens: Int?, policy: TranslationPolicy) throws {
        var budget = budget
        if let limit = explicitMaxTokens {
            if budget >= limit { budget = limit / 2 }
            guard budget >= 1024 else {
                try policy.unsupported(
                    "Anthropic needs at least 1024 thinking tokens below max_tokens; \(limit) leaves too few.",
                    param: "reasoning_effort"
                )
                return
            }
        } else if budget >= maxTokens {
            maxTokens = budget + maxTokens
        }
        thinking = .enabled(budgetTokens: budget)
    }

    /// Thinking allows temperature 1 only, top_p from 0.95, and no top_k.
    private mutating func fitSamplingToThinking(policy: TranslationPolicy) throws {
        if let value = temperature, value != 1 {
            try policy.unsupported("Anthropic allows only temperature 1 while thinking.", param: "temperature")
            temperature = nil
        }
        if let value = topP, value < 0.95 {
            try policy.unsupported("Anthropic allows top_p of 0.95 or more while thinking.", param: "top_p")
            topP = nil
        }
        if topK != nil {
            try policy.unsupported("Anthropic does not allow top_k while thinking.", param: "top_k")
            topK = nil
        }
    }

    /// Thinking allows only `auto` and `none` tool choices. The JSON-mode tool quietly becomes
    /// `auto` (the model still answers through it); a client's forced choice is unsupported.
    private mutating func fitToolChoiceToThinking(policy: TranslationPolicy) throws {
        guard var choice = toolChoice else { return }
        switch choice.kind {
        case .any, .tool:
            if choice.kind != .tool(name: Self.jsonResponseToolName) {
                try policy.unsupported("Anthropic cannot force a tool call while thinking.", param: "tool_choice")
            }
            choice.kind = .auto
            toolChoice = choice
        default:
            break
        }
    }

    /// When the conversation answers a tool call, the assistant turn that made it must begin with
    /// its (signed) thinking; clients that drop `thinking_blocks` cannot continue with thinking on.
    private mutating func requireThinkingBeforeOpenToolCall(policy: TranslationPolicy) throws {
        guard messages.count >= 2, let last = messages.last, last.role == .user,
            last.content.blocks.contains(where: { $0.type == "tool_result" })
        else { return }
        let assistant = messages[messages.count - 2]
        guard assistant.role == .assistant else { return }
        let first = assistant.content.blocks.first?.type
        guard first != "thinking", first != "redacted_thinking" else { return }
        try policy.unsupported(
            "With thinking on, Anthropic needs the assistant turn that called the tools to start with its thinking blocks (send back `thinking_blocks`).",
            param: "reasoning_effort"
        )
        thinking = nil
    }
}
