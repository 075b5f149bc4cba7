extension GuardrailTextCollector {
    /// Chat completions: messages (text parts only), tool calls' arguments, `tool` messages
    /// as tool results, and tool definitions (`tools`, and the legacy `functions`).
    mutating func addChat<Node: JSONReadable>(_ body: Node) {
        let root = JSONPath()
        // Members read in one pass each: a message's content may be most of the body.
        let top = body.members(Self.chatMembers)
        for (message, path) in elements(top[0], at: root.key("messages")) {
            let member = message.members(Self.messageMembers)
            let role: GuardrailText.Role
            switch member[0]?.stringValue {
            case "system", "developer": role = .system
            case "tool", "function": role = .toolResult
            default: role = .message
            }
            addTextParts(member[1], at: path.key("content"), role, textTypes: ["text"])
            for (call, callPath) in elements(member[2], at: path.key("tool_calls")) {
                add(call["function"]?["arguments"], at: callPath.key("function").key("arguments"), .toolArguments)
            }
            add(member[3]?["arguments"], at: path.key("function_call").key("arguments"), .toolArguments)
        }
        for (tool, path) in elements(top[1], at: root.key("tools")) {
            addFunctionDefinition(tool["function"], at: path.key("function"))
        }
        for (function, path) in elements(top[2], at: root.key("functions")) {
            addFunctionDefinition(function, at: path)
        }
    }

    /// What `addChat` reads of the body, and of each message, in this order.
    private static let chatMembers = ["messages", "tools", "functions"]
    private static let messageMembers = ["role", "content", "tool_calls", "function_call"]

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
