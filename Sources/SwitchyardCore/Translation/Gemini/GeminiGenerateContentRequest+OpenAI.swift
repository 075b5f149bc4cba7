extension GeminiGenerateContentRequest {
    /// The Gemini `generateContent` body for an OpenAI pivot request, for a Gemini provider.
    ///
    /// - `system` and `developer` messages become `systemInstruction`; `user`, `assistant` and
    ///   `tool` messages become alternating `user`/`model` contents (same-role runs merged);
    ///   tool results become `functionResponse` parts named after the call they answer, with the
    ///   result's JSON object as `response` (or `{"content": text}`); tool calls become
    ///   `functionCall` parts (arguments that are not a JSON object are a 400 naming the message).
    ///   Function-call ids are never sent: the Gemini API rejects `id` in requests and pairs
    ///   calls with responses by name and order.
    /// - Thought signatures come back from `extra_content.google.thought_signature` on tool calls
    ///   and messages. `reasoning_content` is not sent.
    /// - Tools become `functionDeclarations` with `parametersJsonSchema`, the schema untouched:
    ///   `parameters` accepts only an OpenAPI subset and rejects `additionalProperties`, `$schema`,
    ///   `const`, type arrays and more, so stripping keywords there is a losing game.
    /// - What Gemini cannot express (`logit_bias`, `logprobs`, `top_logprobs`,
    ///   `parallel_tool_calls: false`, audio output, non-function tools…) is a 400 naming the
    ///   field unless `dropUnsupported`. `user`, `metadata`, `store`, `service_tier` and unknown
    ///   members do not affect the answer and are not sent.
    public init(openAI request: ChatCompletionRequest, dropUnsupported: Bool = false) throws {
        let policy = GeminiDropPolicy(dropUnsupported: dropUnsupported)
        var conversation = GeminiOutboundConversation(policy: policy)
        try conversation.add(request.messages)
        self.init(contents: conversation.contents, systemInstruction: conversation.systemInstruction)
        try applyOpenAITools(request, policy: policy)
        let config = try GeminiGenerationConfig(openAI: request, policy: policy)
        generationConfig = config.isEmpty ? nil : config
        if let safety = request.extra["safety_settings"]?.arrayValue {
            safetySettings = safety
        }
    }

    private mutating func applyOpenAITools(_ request: ChatCompletionRequest, policy: GeminiDropPolicy) throws {
        var declarations: [GeminiFunctionDeclaration] = []
        for (index, tool) in (request.tools ?? []).enumerated() {
            guard tool.type == "function" else {
                try policy.unsupported("Tools of type `\(tool.type)` cannot be sent to Gemini.", param: "tools[\(index)]")
                continue
            }
            declarations.append(
                GeminiFunctionDeclaration(
                    name: tool.function.name,
                    description: tool.function.description,
                    parametersJsonSchema: tool.function.parameters
                )
            )
        }
        if request.parallelToolCalls == false {
            try policy.unsupported("Gemini cannot be told to call one tool at a time.", param: "parallel_tool_calls")
        }
        guard !declarations.isEmpty else { return }
        tools = [GeminiTool(functionDeclarations: declarations)]
        let calling: GeminiFunctionCallingConfig?
        switch request.toolChoice {
        case .auto: calling = GeminiFunctionCallingConfig(mode: .auto)
        case .some(.none): calling = GeminiFunctionCallingConfig(mode: GeminiFunctionCallingConfig.Mode.none)
        case .required: calling = GeminiFunctionCallingConfig(mode: .any)
        case .function(let name): calling = GeminiFunctionCallingConfig(mode: .any, allowedFunctionNames: [name])
        case .other:
            try policy.unsupported("This `tool_choice` cannot be expressed for Gemini.", param: "tool_choice")
            calling = nil
        case nil: calling = nil
        }
        toolConfig = calling.map { GeminiToolConfig(functionCallingConfig: $0) }
    }
}
