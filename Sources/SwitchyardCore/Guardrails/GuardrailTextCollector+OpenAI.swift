extension GuardrailTextCollector {
    /// Chat completions: messages (text parts only), tool calls' arguments, `tool` messages
    /// as tool results, and tool definitions (`tools`, and the legacy `functions`).
    mutating func addChat<Node: JSONReadable>(_ body: Node) {
        let root = JSONPath()
        for (message, path) in elements(body["messages"], at: root.key("messages")) {
            let role: GuardrailText.Role
            switch message["role"]?.stringValue {
            case "system", "developer": role = .system
            case "tool", "function": role = .toolResult
            default: role = .message
            }
            addTextParts(message["content"], at: path.key("content"), role, textTypes: ["text"])
            for (call, callPath) in elements(message["tool_calls"], at: path.key("tool_calls")) {
                add(call["function"]?["arguments"], at: callPath.key("function").key("arguments"), .toolArguments)
            }
            add(message["function_call"]?["arguments"], at: path.key("function_call").key("arguments"), .toolArguments)
        }
        for (tool, path) in elements(body["tools"], at: root.key("tools")) {
            addFunctionDefinition(tool["function"], at: path.key("function"))
        }
        for (function, path) in elements(body["functions"], at: root.key("functions")) {
            addFunctionDefinition(function, at: path)
        }
    }

    /// A function's `description` and its parameters' descriptions.
    mutating func addFunctionDefinition<Node: JSONReadable>(_ function: Node?, at path: JSONPath) {
        guard let function else { return }
        add(function["description"], at: path.key("description"), .toolDefinition)
        addSchemaDescriptions(function["parameters"], at: path.key("parameters"))
    }

    /// Legacy completions: `prompt` (a string or a list of strings) and `suffix`.
    mutating func addCompletion<Node: JSONReadable>(_ body: Node) {
        addStrings(body["prompt"], at: JSONPath().key("prompt"), .prompt)
        add(body["suffix"], at: JSONPath().key("suffix"), .prompt)
    }

    /// Embeddings: `input` as a string or a list of strings; token arrays carry no text.
    mutating func addEmbedding<Node: JSONReadable>(_ body: Node) {
        addStrings(body["input"], at: JSONPath().key("input"), .input)
    }
}
