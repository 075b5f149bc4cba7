/// Builds Anthropic's `system` and strictly alternating `messages` from OpenAI messages.
///
/// System and developer messages, wherever they stand, go to `system`. Consecutive messages
/// of one role merge into one turn (tool messages are user turns), since Anthropic requires
/// user and assistant turns to alternate.
struct AnthropicConversationBuilder {
    var policy: TranslationPolicy
    private(set) var system: [AnthropicContentBlock] = []
    private(set) var turns: [AnthropicMessage] = []

    init(policy: TranslationPolicy) {
        self.policy = policy
    }

    /// The `system` member: a string for one plain text block, blocks otherwise; nil when empty.
    var systemPrompt: AnthropicSystemPrompt? {
        if system.isEmpty { return nil }
        if system.count == 1, case .text(let block) = system[0], block.extra.isEmpty, block.citations == nil {
            return .text(block.text)
        }
        return .blocks(system)
    }

    mutating func add(_ message: ChatMessage, index: Int) throws {
        let param = "messages[\(index)]"
        switch message.role {
        case .system, .developer:
            system += try textBlocks(message, param: param)
        case .user:
            if case .text(let text)? = message.content, message.extra["cache_control"] == nil {
                append(.user, .text(text))
            } else {
                append(.user, .blocks(try userBlocks(message, param: param)))
            }
        case .assistant:
            let blocks = try assistantBlocks(message, param: param)
            if blocks.isEmpty { return }
            if blocks.count == 1, case .text(let text) = blocks[0], text.extra.isEmpty {
                append(.assistant, .text(text.text))
            } else {
                append(.assistant, .blocks(blocks))
            }
        case .tool:
            append(.user, .blocks([try toolResult(message, param: param)]))
        case .function, .other:
            try policy.unsupported("Anthropic has no `\(message.role.rawValue)` messages.", param: "\(param).role")
        }
    }

    /// Appends a turn, merging it into the previous one when the role repeats.
    private mutating func append(_ role: AnthropicRole, _ content: AnthropicMessageContent) {
        guard let last = turns.last, last.role == role else {
            turns.append(AnthropicMessage(role: role, content: content))
            return
        }
        turns[turns.count - 1].content = .blocks(last.content.blocks + content.blocks)
    }

    // MARK: Content

    private func textBlocks(_ message: ChatMessage, param: String) throws -> [AnthropicContentBlock] {
        var blocks: [AnthropicContentBlock] = []
        switch message.content {
        case nil: break
        case .text(let text)?: blocks.append(.text(text))
        case .parts(let parts)?:
            for (position, part) in parts.enumerated() {
                guard case .text(let text, let extra) = part else {
                    try policy.unsupported("Only text fits Anthropic's system prompt, not `\(part.type)`.", param: "\(param).content[\(position)]")
                    continue
                }
                blocks.append(.text(AnthropicTextBlock(text: text, extra: extra.cacheControlOnly)))
            }
        }
        return Self.applyingMessageCacheControl(message, to: blocks)
    }

    private func userBlocks(_ message: ChatMessage, param: String) throws -> [AnthropicContentBlock] {
        var blocks: [AnthropicContentBlock] = []
        switch message.content {
        case nil: break
        case .text(let text)?: blocks.append(.text(text))
        case .parts(let parts)?:
            for (position, part) in parts.enumerated() {
                if let block = try AnthropicContentBlock(openAI: part, param: "\(param).content[\(position)]", policy: policy) {
                    blocks.append(block)
                }
            }
        }
        return Self.applyingMessageCacheControl(message, to: blocks)
    }

    private func assistantBlocks(_ message: ChatMessage, param: String) throws -> [AnthropicContentBlock] {
        // Signed thinking must lead the turn. Unsigned reasoning (`reasoning_content` alone, or
        // a block with an empty signature from another provider) is left out: Anthropic rejects
        // thinking it cannot verify.
        var blocks: [AnthropicContentBlock] = (message.extra[AnthropicPivotKey.thinkingBlocks]?.arrayValue ?? [])
            .compactMap { $0.decoded(as: AnthropicContentBlock.self) }
            .filter(\.isVerifiableThinking)
        switch message.content {
        case nil: break
        case .text(let text)?:
            if !text.isEmpty { blocks.append(.text(text)) }
        case .parts(let parts)?:
            for (position, part) in parts.enumerated() {
                guard case .text(let text, let extra) = part else {
                    try policy.unsupported("Anthropic assistant turns hold text, not `\(part.type)`.", param: "\(param).content[\(position)]")
                    continue
                }
                if !text.isEmpty { blocks.append(.text(AnthropicTextBlock(text: text, extra: extra.cacheControlOnly))) }
            }
        }
        for (position, call) in (message.toolCalls ?? []).enumerated() {
            blocks.append(.toolUse(try toolUse(call, param: "\(param).tool_calls[\(position)].function.arguments")))
        }
        return Self.applyingMessageCacheControl(message, to: blocks)
    }

    private func toolUse(_ call: ToolCall, param: String) throws -> AnthropicToolUseBlock {
        let arguments = call.function.arguments.trimmingWhitespace
        let input: JSONValue
        if arguments.isEmpty {
            input = .object([:])
        } else if let parsed = JSONValue(jsonText: arguments), parsed.objectValue != nil {
            input = parsed
        } else {
            throw GatewayError.invalidRequest(
                "The arguments of tool call `\(call.id)` are not a JSON object; Anthropic needs one as the tool input.",
                param: param
            )
        }
        return AnthropicToolUseBlock(id: call.id, name: call.function.name, input: input, extra: call.extra.cacheControlOnly)
    }

    private func toolResult(_ message: ChatMessage, param: String) throws -> AnthropicContentBlock {
        guard let id = message.toolCallID else {
            throw GatewayError.invalidRequest("A tool message needs `tool_call_id`.", param: "\(param).tool_call_id")
        }
        var result = AnthropicToolResultBlock(toolUseID: id, isError: message.extra[AnthropicPivotKey.isError]?.boolValue)
        switch message.content {
        case nil: break
        case .text(let text)?: result.content = text.isEmpty ? nil : .text(text)
        case .parts(let parts)?:
            var blocks: [AnthropicContentBlock] = []
            for (position, part) in parts.enumerated() {
                if let block = try AnthropicContentBlock(openAI: part, param: "\(param).content[\(position)]", policy: policy) {
                    blocks.append(block)
                }
            }
            result.content = .blocks(blocks)
        }
        result.extra = message.extra.cacheControlOnly
        return .toolResult(result)
    }

    // MARK: cache_control

    /// A message-level `cache_control` marks the message's last block, as Anthropic's
    /// breakpoints are per block.
    private static func applyingMessageCacheControl(_ message: ChatMessage, to blocks: [AnthropicContentBlock]) -> [AnthropicContentBlock] {
        guard let cacheControl = message.extra[AnthropicPivotKey.cacheControl], !blocks.isEmpty else { return blocks }
        var blocks = blocks
        blocks[blocks.count - 1].cacheControl = cacheControl
        return blocks
    }
}

fileprivate extension String {
    /// The string without leading and trailing whitespace.
    var trimmingWhitespace: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
