extension GuardrailTextCollector {
    /// Anthropic messages: `system`, text blocks, `tool_use` inputs, `tool_result` contents
    /// and tool definitions (`description`, `input_schema`).
    mutating func addAnthropic<Node: JSONReadable>(_ body: Node) {
        let root = JSONPath()
        addAnthropicContent(body["system"], at: root.key("system"), .system)
        for (message, path) in elements(body["messages"], at: root.key("messages")) {
            addAnthropicContent(message["content"], at: path.key("content"), .message)
        }
        for (tool, path) in elements(body["tools"], at: root.key("tools")) {
            add(tool["description"], at: path.key("description"), .toolDefinition)
            addSchemaDescriptions(tool["input_schema"], at: path.key("input_schema"))
        }
    }

    /// A string or a list of blocks; images, documents and (signed) thinking are skipped.
    private mutating func addAnthropicContent<Node: JSONReadable>(_ content: Node?, at path: JSONPath, _ role: GuardrailText.Role) {
        guard let content, content.isArray else {
            add(content, at: path, role)
            return
        }
        for (index, block) in content.elements.enumerated() {
            let blockPath = path.index(index)
            switch block["type"]?.stringValue {
            case "text": add(block["text"], at: blockPath.key("text"), role)
            case "tool_use", "server_tool_use": addLeaves(block["input"], at: blockPath.key("input"), .toolArguments)
            case "tool_result": addAnthropicContent(block["content"], at: blockPath.key("content"), .toolResult)
            default: break
            }
        }
    }
}
