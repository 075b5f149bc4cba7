extension ChatCompletionRequest {
    /// The OpenAI pivot of an Anthropic Messages request (Anthropic client → any provider).
    ///
    /// - `system` becomes a leading system message; blocks keep their `cache_control`.
    /// - `tool_result` blocks become `tool` messages placed before the rest of their user turn;
    ///   `tool_use` blocks become `tool_calls` (input as compact JSON with sorted keys).
    /// - Thinking blocks become `reasoning_content` plus `extra["thinking_blocks"]` (the blocks
    ///   verbatim, signatures kept); `thinking.budget_tokens` becomes `reasoning_effort`
    ///   (≤1024 low, ≤8192 medium, else high) and the config is kept in `extra["thinking"]`.
    /// - `top_k` goes to `extra["top_k"]`; `metadata.user_id` to `user`; a stream asks for usage.
    /// - Custom tools become function tools (`input_schema` → `parameters`, `strict` kept);
    ///   of their other members only `cache_control` is carried. Unknown members of the request
    ///   and of its blocks are not carried: they mean nothing to an OpenAI upstream.
    ///
    /// Server tools (`web_search`…), document sources OpenAI cannot hold, images inside tool
    /// results or assistant turns, and unknown block types fail with a 400 naming the field,
    /// unless `dropUnsupported`, in which case they are left out.
    public init(anthropic request: AnthropicMessagesRequest, dropUnsupported: Bool = false) throws {
        let policy = TranslationPolicy(dropUnsupported: dropUnsupported)
        var messages: [ChatMessage] = []
        if let system = request.system, let message = try ChatMessage.system(fromAnthropic: system, policy: policy) {
            messages.append(message)
        }
        for (index, message) in request.messages.enumerated() {
            messages += try ChatMessage.messages(fromAnthropic: message, index: index, policy: policy)
        }
        self.init(model: request.model, messages: messages)
        maxTokens = request.maxTokens
        temperature = request.temperature
        topP = request.topP
        stop = request.stopSequences
        user = request.metadata?.userID
        if request.stream == true {
            stream = true
            streamOptions = StreamOptions(includeUsage: true)
        }
        if let topK = request.topK {
            extra[AnthropicPivotKey.topK] = .number(Double(topK))
        }
        if let thinking = request.thinking {
            extra[AnthropicPivotKey.thinking] = try JSONValue(encoding: thinking)
            reasoningEffort = thinking.budgetTokens.map(Self.reasoningEffort(forBudget:))
        }
        try applyAnthropicTools(request, policy: policy)
    }

    /// The effort level for an Anthropic thinking budget: ≤1024 low, ≤8192 medium, else high.
    public static func reasoningEffort(forBudget budget: Int) -> ReasoningEffort {
        if budget <= 1024 { return .low }
        if budget <= 8192 { return .medium }
        return .high
    }

    private mutating func applyAnthropicTools(_ request: AnthropicMessagesRequest, policy: TranslationPolicy) throws {
        var tools: [ChatTool] = []
        for (index, tool) in (request.tools ?? []).enumerated() {
            switch tool {
            case .custom(let custom):
                var extra: [String: JSONValue] = [:]
                extra[AnthropicPivotKey.cacheControl] = custom.extra["cache_control"]
                let function = FunctionDefinition(
                    name: custom.name,
                    description: custom.description,
                    parameters: custom.inputSchema,
                    strict: custom.extra["strict"]?.boolValue
                )
                tools.append(ChatTool(function: function, extra: extra))
            case .server(let value):
                let type = value["type"]?.stringValue ?? "unknown"
                try policy.unsupported(
                    "The Anthropic server tool `\(type)` has no OpenAI equivalent.",
                    param: "tools[\(index)]"
                )
            }
        }
        guard !tools.isEmpty else { return }
        self.tools = tools
        guard let choice = request.toolChoice else { return }
        switch choice.kind {
        case .auto: toolChoice = .auto
        case .any: toolChoice = .required
        case .tool(let name): toolChoice = .function(name: name)
        case .none: toolChoice = ToolChoice.none
        case .other(let type):
            try policy.unsupported("tool_choice type `\(type)` has no OpenAI equivalent.", param: "tool_choice")
        }
        if choice.disableParallelToolUse == true {
            parallelToolCalls = false
        }
    }
}
