extension AnthropicMessagesRequest {
    /// A tool Anthropic needs in `tools` when the conversation has tool blocks but the request
    /// offers none (LiteLLM adds the same under `modify_params`).
    static let placeholderTool = AnthropicCustomTool(
        name: "dummy_tool",
        description: "This is a placeholder tool; do not call it.",
        inputSchema: ["type": "object", "properties": [:]]
    )

    mutating func applyTools(_ request: ChatCompletionRequest, policy: TranslationPolicy) throws {
        var tools: [AnthropicTool] = []
        for (index, tool) in (request.tools ?? []).enumerated() {
            guard tool.type == "function" else {
                try policy.unsupported("Anthropic takes function tools only, not `\(tool.type)`.", param: "tools[\(index)]")
                continue
            }
            var extra = tool.extra.cacheControlOnly
            if let strict = tool.function.strict {
                extra["strict"] = .bool(strict)
            }
            let schema = tool.function.parameters ?? ["type": "object", "properties": [:]]
            tools.append(.custom(AnthropicCustomTool(
                name: tool.function.name,
                description: tool.function.description,
                inputSchema: schema,
                extra: extra
            )))
        }
        var choice = tools.isEmpty ? nil : try Self.toolChoice(request.toolChoice, policy: policy)
        if let format = request.responseFormat, let jsonTool = try Self.jsonResponseTool(for: format, policy: policy) {
            tools.append(.custom(jsonTool))
            choice = AnthropicToolChoice(.tool(name: jsonTool.name))
        }
        if request.parallelToolCalls == false, !tools.isEmpty {
            var disabling = choice ?? AnthropicToolChoice(.auto)
            if disabling.kind != .none {
                disabling.disableParallelToolUse = true
            }
            choice = disabling
        }
        if tools.isEmpty, messages.contains(where: \.hasToolBlocks) {
            try policy.unsupported(
                "Anthropic needs `tools` when the conversation contains tool calls or tool results.",
                param: "tools"
            )
            tools.append(.custom(Self.placeholderTool))
        }
        self.tools = tools.isEmpty ? nil : tools
        self.toolChoice = choice
    }

    private static func toolChoice(_ choice: ToolChoice?, policy: TranslationPolicy) throws -> AnthropicToolChoice? {
        switch choice {
        case nil: return nil
        case .auto?: return AnthropicToolChoice(.auto)
        case .required?: return AnthropicToolChoice(.any)
        case .none?: return AnthropicToolChoice(.none)
        case .function(let name)?: return AnthropicToolChoice(.tool(name: name))
        case .other?:
            try policy.unsupported("This tool_choice has no Anthropic equivalent.", param: "tool_choice")
            return nil
        }
    }
}

extension AnthropicMessage {
    /// Whether the message holds a `tool_use` or `tool_result` block.
    var hasToolBlocks: Bool {
        content.blocks.contains { $0.type == "tool_use" || $0.type == "tool_result" }
    }
}
