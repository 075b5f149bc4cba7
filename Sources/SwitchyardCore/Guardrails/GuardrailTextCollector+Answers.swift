extension GuardrailTextCollector {
    /// The texts of an answer: what the model wrote and the tool calls it made.
    mutating func addAnswer<Node: JSONReadable>(_ body: Node, surface: GuardrailSurface) {
        let root = JSONPath()
        switch surface {
        case .chatCompletions:
            for (choice, path) in elements(body["choices"], at: root.key("choices")) {
                let message = path.key("message")
                addTextParts(choice["message"]?["content"], at: message.key("content"), .message, textTypes: ["text"])
                add(choice["message"]?["refusal"], at: message.key("refusal"), .message)
                for (call, callPath) in elements(choice["message"]?["tool_calls"], at: message.key("tool_calls")) {
                    add(call["function"]?["arguments"], at: callPath.key("function").key("arguments"), .toolArguments)
                }
            }
        case .completions:
            for (choice, path) in elements(body["choices"], at: root.key("choices")) {
                add(choice["text"], at: path.key("text"), .message)
            }
        case .responses:
            for (item, path) in elements(body["output"], at: root.key("output")) {
                switch item["type"]?.stringValue {
                case "message":
                    for (part, partPath) in elements(item["content"], at: path.key("content")) {
                        add(part["text"] ?? part["refusal"], at: partPath.key(part["text"] != nil ? "text" : "refusal"), .message)
                    }
                case "function_call": add(item["arguments"], at: path.key("arguments"), .toolArguments)
                default: break
                }
            }
        case .anthropicMessages:
            for (block, path) in elements(body["content"], at: root.key("content")) {
                switch block["type"]?.stringValue {
                case "text": add(block["text"], at: path.key("text"), .message)
                case "tool_use": addLeaves(block["input"], at: path.key("input"), .toolArguments)
                default: break
                }
            }
        case .geminiGenerateContent:
            for (candidate, path) in elements(body["candidates"], at: root.key("candidates")) {
                let content = path.key("content")
                for (part, partPath) in elements(candidate["content"]?["parts"], at: content.key("parts")) {
                    if part["thought"]?.boolValue == true { continue }
                    add(part["text"], at: partPath.key("text"), .message)
                    if let call = member(part, "functionCall", "function_call") {
                        addLeaves(call.value["args"], at: partPath.key(call.name).key("args"), .toolArguments)
                    }
                }
            }
        case .embeddings:
            break
        }
    }
}

extension GuardrailTexts {
    /// The texts of an answer to a request of `surface`.
    public init(answer: JSONValue, surface: GuardrailSurface) {
        var collector = GuardrailTextCollector()
        collector.addAnswer(answer, surface: surface)
        self.init(texts: collector.texts)
    }
}
