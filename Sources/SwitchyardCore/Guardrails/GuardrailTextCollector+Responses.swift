extension GuardrailTextCollector {
    /// The Responses API: `instructions`, `input` (a string, or items: messages, function
    /// calls and their outputs, custom tool calls) and tool definitions.
    mutating func addResponses(_ body: JSONValue) {
        let root = JSONPath()
        add(body["instructions"], at: root.key("instructions"), .system)
        if body["input"]?.stringValue != nil {
            add(body["input"], at: root.key("input"), .message)
        }
        for (item, path) in elements(body["input"], at: root.key("input")) {
            switch item["type"]?.stringValue {
            case "function_call":
                add(item["arguments"], at: path.key("arguments"), .toolArguments)
            case "custom_tool_call":
                add(item["input"], at: path.key("input"), .toolArguments)
            case "function_call_output", "custom_tool_call_output":
                addResponsesContent(item["output"], at: path.key("output"), .toolResult)
            case "message", nil:
                let role: GuardrailText.Role = ["system", "developer"].contains(item["role"]?.stringValue) ? .system : .message
                addResponsesContent(item["content"], at: path.key("content"), role)
            default:
                break
            }
        }
        for (tool, path) in elements(body["tools"], at: root.key("tools")) {
            add(tool["description"], at: path.key("description"), .toolDefinition)
            addSchemaDescriptions(tool["parameters"], at: path.key("parameters"))
        }
    }

    /// A string, or the text of each `input_text` / `output_text` / `text` part.
    private mutating func addResponsesContent(_ content: JSONValue?, at path: JSONPath, _ role: GuardrailText.Role) {
        guard let parts = content?.arrayValue else {
            add(content, at: path, role)
            return
        }
        for (index, part) in parts.enumerated() where ["input_text", "output_text", "text"].contains(part["type"]?.stringValue) {
            add(part["text"], at: path.index(index).key("text"), role)
        }
    }
}
