extension BedrockConverseRequest {
    /// Sent when the conversation holds tool calls or results but the request offers no tools:
    /// Converse rejects `toolUse` / `toolResult` blocks without a `toolConfig` (LiteLLM's
    /// dummy tool).
    static let placeholderToolConfig = BedrockToolConfig(tools: [
        .toolSpec(BedrockToolSpec(
            name: "dummy_tool",
            description: "This is a dummy tool call",
            inputSchema: ["type": "object", "properties": [:]]
        )),
    ])

    /// `toolConfig` for the request's tools, `tool_choice` and `response_format`; nil when it
    /// offers none or `tool_choice` is `none`.
    static func toolConfig(for request: ChatCompletionRequest, policy: BedrockDropPolicy) throws(GatewayError) -> BedrockToolConfig? {
        var tools: [BedrockTool] = []
        var choice: BedrockToolChoice?
        if request.toolChoice != ToolChoice.none {
            for (index, tool) in (request.tools ?? []).enumerated() {
                guard tool.type == "function" else {
                    try policy.unsupported("Bedrock Converse takes only function tools, not `\(tool.type)`.", param: "tools[\(index)].type")
                    continue
                }
                tools.append(.toolSpec(BedrockToolSpec(
                    name: tool.function.name,
                    description: tool.function.description.flatMap { $0.isEmpty ? nil : $0 },
                    inputSchema: tool.function.parameters ?? ["type": "object", "properties": [:]]
                )))
            }
            choice = try toolChoice(request.toolChoice, policy: policy)
        }
        if let format = request.responseFormat, let tool = try jsonResponseTool(for: format, policy: policy) {
            tools.append(.toolSpec(tool))
            choice = .tool(name: jsonResponseToolName)
        }
        guard !tools.isEmpty else { return nil }
        return BedrockToolConfig(tools: tools, toolChoice: choice)
    }

    private static func toolChoice(_ choice: ToolChoice?, policy: BedrockDropPolicy) throws(GatewayError) -> BedrockToolChoice? {
        switch choice {
        case nil, .none?: return nil
        case .auto?: return .auto
        case .required?: return .any
        case .function(let name)?: return .tool(name: name)
        case .other?:
            try policy.unsupported("Bedrock Converse takes tool_choice auto, required, none or a named function.", param: "tool_choice")
            return nil
        }
    }

    /// The tool for a `response_format`, or nil for plain text.
    private static func jsonResponseTool(for format: ResponseFormat, policy: BedrockDropPolicy) throws(GatewayError) -> BedrockToolSpec? {
        switch format {
        case .text:
            return nil
        case .jsonObject:
            let schema: JSONValue = ["type": "object", "additionalProperties": true, "properties": [:]]
            return BedrockToolSpec(name: jsonResponseToolName, description: "Respond with a JSON object.", inputSchema: schema)
        case .jsonSchema(let format):
            var schema = format.schema?.objectValue ?? ["additionalProperties": true, "properties": [:]]
            schema["type"] = "object"
            let description = format.description ?? "Respond with a JSON object that matches the `\(format.name)` schema."
            return BedrockToolSpec(name: jsonResponseToolName, description: description, inputSchema: .object(schema))
        case .other(let value):
            let type = value["type"]?.stringValue ?? "unknown"
            try policy.unsupported("response_format type `\(type)` has no Bedrock equivalent.", param: "response_format")
            return nil
        }
    }
}
