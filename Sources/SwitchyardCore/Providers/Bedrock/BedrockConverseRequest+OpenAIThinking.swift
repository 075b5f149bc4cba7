extension BedrockConverseRequest {
    /// Claude's thinking budget for an OpenAI reasoning effort, the same as the Anthropic
    /// translator's: low (and minimal) 1024, medium 4096, high 16384; nil for `none` and
    /// unknown levels.
    public static func thinkingBudget(for effort: ReasoningEffort) -> Int? {
        switch effort {
        case .minimal, .low: 1024
        case .medium: 4096
        case .high: 16384
        case .none, .other: nil
        }
    }

    /// Room left for the answer when `max_tokens` was not given and thinking needs a limit.
    static let answerTokensBesideThinking = 4096

    /// Sets Claude's `thinking` from `extra["thinking"]` or `reasoning_effort`, then fits the
    /// request to Claude's rules for thinking (limit above the budget, temperature 1, top_p ≥
    /// 0.95, no forced tool).
    static func applyThinking(
        _ request: ChatCompletionRequest,
        family: BedrockModelFamily,
        inference: inout BedrockInferenceConfig,
        toolConfig: inout BedrockToolConfig?,
        fields: inout [String: JSONValue],
        policy: BedrockDropPolicy
    ) throws(GatewayError) {
        if let thinking = request.extra["thinking"], thinking.objectValue != nil {
            fields["thinking"] = thinking
        } else if let effort = request.reasoningEffort, effort != .none {
            guard family == .anthropic, let budget = thinkingBudget(for: effort) else {
                try policy.unsupported(
                    "reasoning_effort `\(effort.rawValue)` has no Converse equivalent for this model.",
                    param: "reasoning_effort"
                )
                return
            }
            guard let fitted = try fit(budget, to: &inference, policy: policy) else { return }
            fields["thinking"] = ["type": "enabled", "budget_tokens": .number(Double(fitted))]
        }
        guard fields["thinking"]?["type"]?.stringValue == "enabled" else { return }
        try fitSampling(&inference, policy: policy)
        try fitToolChoice(&toolConfig, policy: policy)
    }

    /// `budget_tokens` must stay below `maxTokens`: with no explicit limit the limit makes
    /// room; an explicit limit is kept and the budget shrinks to half of it (at least 1024).
    private static func fit(_ budget: Int, to inference: inout BedrockInferenceConfig, policy: BedrockDropPolicy) throws(GatewayError) -> Int? {
        guard let limit = inference.maxTokens else {
            inference.maxTokens = budget + answerTokensBesideThinking
            return budget
        }
        let fitted = budget >= limit ? limit / 2 : budget
        guard fitted >= 1024 else {
            try policy.unsupported(
                "Claude needs at least 1024 thinking tokens below max_tokens; \(limit) leaves too few.",
                param: "reasoning_effort"
            )
            return nil
        }
        return fitted
    }

    private static func fitSampling(_ inference: inout BedrockInferenceConfig, policy: BedrockDropPolicy) throws(GatewayError) {
        if let value = inference.temperature, value != 1 {
            try policy.unsupported("Claude allows only temperature 1 while thinking.", param: "temperature")
            inference.temperature = nil
        }
        if let value = inference.topP, value < 0.95 {
            try policy.unsupported("Claude allows top_p of 0.95 or more while thinking.", param: "top_p")
            inference.topP = nil
        }
    }

    /// Thinking allows only `auto`: the JSON-mode tool quietly becomes `auto` (the model still
    /// answers through it); a client's forced choice is unsupported.
    private static func fitToolChoice(_ toolConfig: inout BedrockToolConfig?, policy: BedrockDropPolicy) throws(GatewayError) {
        guard let choice = toolConfig?.toolChoice, choice != .auto else { return }
        if choice != .tool(name: jsonResponseToolName) {
            try policy.unsupported("Claude cannot be forced to call a tool while thinking.", param: "tool_choice")
        }
        toolConfig?.toolChoice = .auto
    }
}
