extension ChatCompletionRequest {
    /// Function tools nested under `function`, as chat wants them; nil when none are left.
    static func chatTools(_ tools: [ResponsesTool]?, policy: TranslationPolicy) throws(GatewayError) -> [ChatTool]? {
        guard let tools else { return nil }
        var converted: [ChatTool] = []
        for tool in tools {
            switch tool {
            case .function(let function):
                converted.append(ChatTool(function: function))
            case .builtIn:
                try policy.unsupported(
                    "The `\(tool.type)` tool is not available for this model's provider; only function tools are.",
                    param: "tools"
                )
            }
        }
        return converted.isEmpty ? nil : converted
    }

    /// The chat form of `tool_choice`: a named function moves under `function`.
    static func chatToolChoice(_ choice: ResponsesToolChoice?, policy: TranslationPolicy) throws(GatewayError) -> ToolChoice? {
        switch choice {
        case nil: return nil
        case .none?: return ToolChoice.none
        case .auto?: return .auto
        case .required?: return .required
        case .function(let name)?: return .function(name: name)
        case .other(let value)?:
            let type = value["type"]?.stringValue ?? value.stringValue ?? "unknown"
            try policy.unsupported("A `tool_choice` of type `\(type)` is not available for this model's provider.", param: "tool_choice")
            return nil
        }
    }

    /// The chat `response_format` of `text.format`; plain text is chat's default and is not sent.
    static func chatResponseFormat(_ format: ResponsesTextFormat?, policy: TranslationPolicy) throws(GatewayError) -> ResponseFormat? {
        switch format {
        case nil, .text?: return nil
        case .jsonObject?: return .jsonObject
        case .jsonSchema(let schema)?: return .jsonSchema(schema)
        case .other(let value)?:
            let type = value["type"]?.stringValue ?? "unknown"
            try policy.unsupported("A `text.format` of type `\(type)` is not available for this model's provider.", param: "text.format")
            return nil
        }
    }
}
