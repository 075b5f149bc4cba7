extension ChatCompletionRequest {
    /// The chat request that carries a Responses request to a provider that speaks only chat.
    ///
    /// - `instructions` becomes a leading system message; the instructions of earlier responses
    ///   are not carried, as OpenAI specifies for `previous_response_id`.
    /// - `history` (the stored input and output of the previous responses, oldest first) and
    ///   then `input` become messages (see `ResponsesConversationBuilder`).
    /// - Function tools, `tool_choice`, `text.format`, `reasoning.effort`, `max_output_tokens`
    ///   (as `max_completion_tokens`, which every provider translator reads), sampling,
    ///   `user` and `parallel_tool_calls` map to their chat members. `metadata`, `store`,
    ///   `include` and `truncation` stay with the gateway.
    /// - What chat cannot express — built-in tools, items and parts of other types, a tool
    ///   choice naming a built-in tool, other text formats — is a 400 naming the field, or is
    ///   left out with `dropUnsupported`.
    /// - A streamed request asks for the usage chunk, which the final response reports.
    public init(responses request: ResponsesRequest, history: [ResponseItem], dropUnsupported: Bool) throws(GatewayError) {
        let policy = TranslationPolicy(dropUnsupported: dropUnsupported)
        var builder = ResponsesConversationBuilder(policy: policy)
        try builder.add(history, param: "previous_response_id")
        try builder.add(request.input?.items ?? [], param: "input")
        var messages = builder.finish()
        if let instructions = request.instructions {
            messages.insert(ChatMessage(role: .system, content: .text(instructions)), at: 0)
        }
        self.init(model: request.model, messages: messages)
        tools = try Self.chatTools(request.tools, policy: policy)
        toolChoice = try Self.chatToolChoice(request.toolChoice, policy: policy)
        parallelToolCalls = request.parallelToolCalls
        responseFormat = try Self.chatResponseFormat(request.text?.format, policy: policy)
        reasoningEffort = request.reasoning?.effort
        maxCompletionTokens = request.maxOutputTokens
        temperature = request.temperature
        topP = request.topP
        user = request.user
        if request.stream == true {
            stream = true
            streamOptions = StreamOptions(includeUsage: true)
        }
    }
}
