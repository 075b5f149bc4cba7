extension ChatCompletionResponse {
    /// The OpenAI response for a Converse response (Bedrock provider → OpenAI client).
    ///
    /// Text blocks join into `content`; `toolUse` blocks become `tool_calls` (input as compact
    /// JSON, keys sorted); reasoning becomes `reasoning_content` plus `extra["thinking_blocks"]`
    /// (Anthropic's `thinking` / `redacted_thinking` shapes, signatures kept, so a client can
    /// send them back). Converse has no response id, so the caller gives one.
    ///
    /// - Parameter jsonMode: the request emulated `response_format` with `json_tool_call`
    ///   (`BedrockConverseRequest.usesJSONResponseTool`): that tool's input becomes the
    ///   content and the answer finishes with `stop`.
    public init(bedrock response: BedrockConverseResponse, requestedModel: String, id: String, created: Int, jsonMode: Bool = false) {
        var texts: [String] = []
        var toolCalls: [ToolCall] = []
        var reasoning: [String] = []
        var thinkingBlocks: [JSONValue] = []
        var jsonAnswer: String?
        for block in response.message?.content ?? [] {
            switch block {
            case .text(let text):
                texts.append(text)
            case .toolUse(let use) where jsonMode && use.name == BedrockConverseRequest.jsonResponseToolName:
                jsonAnswer = BedrockJSON.text(use.input)
            case .toolUse(let use):
                toolCalls.append(ToolCall(id: use.toolUseId, function: .init(name: use.name, arguments: BedrockJSON.text(use.input))))
            case .reasoningContent(.reasoningText(let text, let signature)):
                reasoning.append(text)
                thinkingBlocks.append(Self.bedrockThinkingBlock(text: text, signature: signature))
            case .reasoningContent(.redactedContent(let data)):
                thinkingBlocks.append(["type": "redacted_thinking", "data": .string(data)])
            case .image, .document, .toolResult, .other:
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
        if !thinkingBlocks.isEmpty { message.extra["thinking_blocks"] = .array(thinkingBlocks) }

        var finish = FinishReason(bedrock: response.stopReason)
        if jsonAnswer != nil, toolCalls.isEmpty, finish == .toolCalls {
            finish = .stop
        }
        self.init(
            id: id,
            created: created,
            model: requestedModel,
            choices: [ChatChoice(index: 0, message: message, finishReason: finish)],
            usage: response.usage.map(Usage.init(bedrock:))
        )
    }

    /// A signed reasoning block in the shape `thinking_blocks` carries.
    static func bedrockThinkingBlock(text: String, signature: String?) -> JSONValue {
        var block: [String: JSONValue] = ["type": "thinking", "thinking": .string(text)]
        if let signature { block["signature"] = .string(signature) }
        return .object(block)
    }
}
