extension ChatCompletionResponse {
    /// The OpenAI response for an Anthropic Messages response (Anthropic provider → OpenAI client).
    ///
    /// Text blocks join into `content`; `tool_use` blocks become `tool_calls` (input as compact
    /// JSON, keys sorted); thinking becomes `reasoning_content` plus `extra["thinking_blocks"]`.
    /// Blocks OpenAI has no place for (server tool use and results, citations) are left out.
    /// The id stays Anthropic's (`msg_…`); `model` is `requestedModel` when given.
    ///
    /// - Parameter jsonMode: the request emulated `response_format` with `json_tool_call`
    ///   (`AnthropicMessagesRequest.usesJSONResponseTool`): that tool's input becomes the
    ///   content and the answer finishes with `stop`.
    public init(anthropic response: AnthropicMessagesResponse, requestedModel: String? = nil, created: Int, jsonMode: Bool = false) {
        var texts: [String] = []
        var toolCalls: [ToolCall] = []
        var reasoning: [String] = []
        var thinkingBlocks: [JSONValue] = []
        var jsonAnswer: String?
        for block in response.content {
            switch block {
            case .text(let text):
                texts.append(text.text)
            case .toolUse(let use) where jsonMode && use.name == AnthropicMessagesRequest.jsonResponseToolName:
                jsonAnswer = use.input.compactJSONText
            case .toolUse(let use):
                toolCalls.append(ToolCall(id: use.id, function: .init(name: use.name, arguments: use.input.compactJSONText)))
            case .thinking(let thinking):
                reasoning.append(thinking.thinking)
                thinkingBlocks.append((try? JSONValue(encoding: block)) ?? .null)
            case .redactedThinking:
                thinkingBlocks.append((try? JSONValue(encoding: block)) ?? .null)
            default:
                continue
            }
        }
        var message = ChatMessage(role: .assistant)
        if let jsonAnswer {
            message.content = .text(jsonAnswer)
        } else if !texts.isEmpty || toolCalls.isEmpty {
            message.content = .text(texts.joined())
        }
        if !toolCalls.isEmpty { message.toolCalls = toolCalls }
        if !reasoning.isEmpty { message.reasoningContent = reasoning.joined() }
        if !thinkingBlocks.isEmpty { message.extra[AnthropicPivotKey.thinkingBlocks] = .array(thinkingBlocks) }

        var finish = response.stopReason.map(FinishReason.init(anthropic:))
        if jsonAnswer != nil, toolCalls.isEmpty, finish == .toolCalls {
            finish = .stop
        }
        self.init(
            id: response.id,
            created: created,
            model: requestedModel ?? response.model,
            choices: [ChatChoice(index: 0, message: message, finishReason: finish)],
            usage: Usage(anthropic: response.usage)
        )
    }
}
