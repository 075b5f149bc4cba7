extension ChatMessage {
    /// The system message for Anthropic's `system`; nil when the prompt is empty.
    static func system(fromAnthropic system: AnthropicSystemPrompt, policy: TranslationPolicy) throws -> ChatMessage? {
        switch system {
        case .text(let text):
            return ChatMessage(role: .system, content: .text(text))
        case .blocks(let blocks):
            var parts: [ChatContentPart] = []
            for (index, block) in blocks.enumerated() {
                guard case .text(let text) = block else {
                    try policy.unsupported("System blocks must be text, not `\(block.type)`.", param: "system[\(index)]")
                    continue
                }
                parts.append(.text(text.text, extra: text.extra.cacheControlOnly))
            }
            if parts.isEmpty { return nil }
            if parts.count == 1, case .text(let text, let extra) = parts[0], extra.isEmpty {
                return ChatMessage(role: .system, content: .text(text))
            }
            return ChatMessage(role: .system, content: .parts(parts))
        }
    }

    /// The OpenAI messages for one Anthropic message: `tool` messages for its tool results
    /// first, then the user or assistant message for the rest.
    static func messages(fromAnthropic message: AnthropicMessage, index: Int, policy: TranslationPolicy) throws -> [ChatMessage] {
        switch message.role {
        case .user:
            return try userMessages(message.content, index: index, policy: policy)
        case .assistant:
            return try assistantMessage(message.content, index: index, policy: policy).map { [$0] } ?? []
        case .other(let role):
            try policy.unsupported("Unknown message role `\(role)`.", param: "messages[\(index)].role")
            return []
        }
    }

    private static func userMessages(_ content: AnthropicMessageContent, index: Int, policy: TranslationPolicy) throws -> [ChatMessage] {
        let blocks: [AnthropicContentBlock]
        switch content {
        case .text(let text): return [ChatMessage(role: .user, content: .text(text))]
        case .blocks(let list): blocks = list
        }
        var toolMessages: [ChatMessage] = []
        var parts: [ChatContentPart] = []
        for (position, block) in blocks.enumerated() {
            let param = "messages[\(index)].content[\(position)]"
            if case .toolResult(let result) = block {
                toolMessages.append(try toolMessage(result, param: param, policy: policy))
            } else if let part = try ChatContentPart(anthropic: block, param: param, policy: policy) {
                parts.append(part)
            }
        }
        if !parts.isEmpty {
            toolMessages.append(ChatMessage(role: .user, content: .parts(parts)))
        }
        return toolMessages
    }

    private static func toolMessage(_ result: AnthropicToolResultBlock, param: String, policy: TranslationPolicy) throws -> ChatMessage {
        var extra: [String: JSONValue] = [:]
        extra[AnthropicPivotKey.cacheControl] = result.extra["cache_control"]
        if let isError = result.isError {
            extra[AnthropicPivotKey.isError] = .bool(isError)
        }
        let content: ChatMessageContent
        switch result.content {
        case nil:
            content = .text("")
        case .text(let text)?:
            content = .text(text)
        case .blocks(let blocks)?:
            var parts: [ChatContentPart] = []
            for (position, block) in blocks.enumerated() {
                guard case .text(let text) = block else {
                    try policy.unsupported(
                        "An OpenAI tool message holds only text, not `\(block.type)`.",
                        param: "\(param).content[\(position)]"
                    )
                    continue
                }
                parts.append(.text(text.text, extra: text.extra.cacheControlOnly))
            }
            if parts.count == 1, case .text(let text, let partExtra) = parts[0], partExtra.isEmpty {
                content = .text(text)
            } else {
                content = .parts(parts)
            }
        }
        return ChatMessage(role: .tool, content: content, toolCallID: result.toolUseID, extra: extra)
    }

    private static func assistantMessage(_ content: AnthropicMessageContent, index: Int, policy: TranslationPolicy) throws -> ChatMessage? {
        let blocks: [AnthropicContentBlock]
        switch content {
        case .text(let text): return ChatMessage(role: .assistant, content: .text(text))
        case .blocks(let list): blocks = list
        }
        var texts: [AnthropicTextBlock] = []
        var toolCalls: [ToolCall] = []
        var reasoning: [String] = []
        var thinkingBlocks: [JSONValue] = []
        for (position, block) in blocks.enumerated() {
            switch block {
            case .text(let text):
                texts.append(text)
            case .toolUse(let use):
                var extra: [String: JSONValue] = [:]
                extra[AnthropicPivotKey.cacheControl] = use.extra["cache_control"]
                toolCalls.append(ToolCall(id: use.id, function: .init(name: use.name, arguments: use.input.compactJSONText), extra: extra))
            case .thinking(let thinking):
                reasoning.append(thinking.thinking)
                thinkingBlocks.append(try JSONValue(encoding: block))
            case .redactedThinking:
                thinkingBlocks.append(try JSONValue(encoding: block))
            default:
                try policy.unsupported(
                    "An OpenAI assistant message cannot hold a `\(block.type)` block.",
                    param: "messages[\(index)].content[\(position)]"
                )
            }
        }
        var message = ChatMessage(role: .assistant)
        if texts.contains(where: { !$0.extra.cacheControlOnly.isEmpty }) {
            message.content = .parts(texts.map { .text($0.text, extra: $0.extra.cacheControlOnly) })
        } else if !texts.isEmpty || toolCalls.isEmpty {
            message.content = .text(texts.map(\.text).joined())
        }
        if !toolCalls.isEmpty { message.toolCalls = toolCalls }
        if !reasoning.isEmpty { message.reasoningContent = reasoning.joined() }
        if !thinkingBlocks.isEmpty { message.extra[AnthropicPivotKey.thinkingBlocks] = .array(thinkingBlocks) }
        return message
    }
}
