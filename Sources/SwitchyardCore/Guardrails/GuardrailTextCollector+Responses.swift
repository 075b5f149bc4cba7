extension GuardrailTextCollector {
    /// The Responses API: `instructions`, `input` (a string, or items: messages, function
    /// calls and their outputs, custom tool calls) and tool definitions.
    mutating func addResponses<Node: JSONReadable>(_ body: Node) {
        let root = JSONPath()
        add(body["instructions"], at: root.key("instructions"), .system)
        if body["input"]?.isString == true {
            add(body["input"], at: root.key("input"), .message)
        }
        for (item, path) in elements(body["input"], at: root.key("input")) {
            switch item["type"]?.stringValue {
            case "function_call":
                add(item["arguments"], at: path.key("arguments"), .toolArguments)
            case "custom_tool_call":
                add(item["input"], at: path.key("input"), .toolArguments)
            case "function_call_output", "custom_tool_call_output":
                addTextParts(item["output"], at: path.key("output"), .toolResult, textTypes: Self.responsesTextTypes)
            case "message", nil:
                let role: GuardrailText.Role = ["system", "developer"].contains(item["role"]?.stringValue) ? .system : .message
                addTextParts(item["content"], at: path.key("content"), role, textTypes: Self.responsesTextTypes)
            default:
                break
            }
        }
        for (tool, path) in elements(body["tools"], at: root.key("tools")) {
            add(tool["description"], at: path.key("description"), .toolDefinition)
            addSchemaDescriptions(tool["parameters"], at: path.key("parameters"))
        }
    }

    private static let responsesTextTypes: [String] = ["input_text", "output_text", "text"]
}
