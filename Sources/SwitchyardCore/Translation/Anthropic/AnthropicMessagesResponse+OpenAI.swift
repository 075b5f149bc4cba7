extension AnthropicMessagesResponse {
    /// The Anthropic response for an OpenAI chat completion (OpenAI provider → Anthropic client).
    ///
    /// Only the first choice is used. Content is thinking first (`thinking_blocks` verbatim, or
    /// `reasoning_content` as a thinking block with an empty signature), then the text (or the
    /// refusal), then one `tool_use` block per tool call. Tool-call arguments that do not parse
    /// as a JSON object become the input `{}`: the Anthropic format has no place for the raw
    /// text, so it is lost. A missing `finish_reason` reads as `end_turn`.
    public init(openAI response: ChatCompletionResponse, requestedModel: String? = nil) {
        let choice = response.choices.first
        var content: [AnthropicContentBlock] = []
        if let message = choice?.message {
            content += Self.thinkingBlocks(of: message.extra, reasoning: message.reasoningContent)
            let text = message.content?.text ?? ""
            if !text.isEmpty {
                content.append(.text(text))
            } else if let refusal = message.refusal, !refusal.isEmpty {
                content.append(.text(refusal))
            }
            for call in message.toolCalls ?? [] {
                let input = JSONValue(jsonText: call.function.arguments).flatMap { $0.objectValue != nil ? $0 : nil }
                content.append(.toolUse(AnthropicToolUseBlock(id: call.id, name: call.function.name, input: input ?? .object([:]))))
            }
        }
        self.init(
            id: Self.messageID(fromOpenAI: response.id),
            model: requestedModel ?? response.model,
            content: content,
            stopReason: choice?.finishReason.map(AnthropicStopReason.init(openAI:)) ?? .endTurn,
            usage: response.usage.map(AnthropicUsage.init(openAI:)) ?? AnthropicUsage(inputTokens: 0, outputTokens: 0)
        )
    }

    /// A `msg_…` id for an OpenAI completion id: `chatcmpl-abc` → `msg_abc`; an id that already
    /// starts with `msg_` is kept.
    public static func messageID(fromOpenAI id: String) -> String {
        if id.hasPrefix("msg_") { return id }
        let prefix = "chatcmpl-"
        let core = id.hasPrefix(prefix) ? String(id.dropFirst(prefix.count)) : id
        return "msg_" + core
    }

    /// Thinking blocks for a message or delta: its `thinking_blocks`, else its reasoning text.
    static func thinkingBlocks(of extra: [String: JSONValue], reasoning: String?) -> [AnthropicContentBlock] {
        let blocks = (extra[AnthropicPivotKey.thinkingBlocks]?.arrayValue ?? [])
            .compactMap { $0.decoded(as: AnthropicContentBlock.self) }
            .filter { $0.type == "thinking" || $0.type == "redacted_thinking" }
        if !blocks.isEmpty { return blocks }
        guard let reasoning, !reasoning.isEmpty else { return [] }
        return [.thinking(AnthropicThinkingBlock(thinking: reasoning, signature: ""))]
    }
}
