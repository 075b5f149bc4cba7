extension GuardrailTextCollector {
    /// Gemini generateContent: the system instruction, text parts, `functionCall.args`,
    /// `functionResponse.response` and function declarations; both spellings of each key.
    mutating func addGemini<Node: JSONReadable>(_ body: Node) {
        let root = JSONPath()
        if let system = member(body, "systemInstruction", "system_instruction") {
            addGeminiParts(system.value, at: root.key(system.name), .system)
        }
        for (content, path) in elements(body["contents"], at: root.key("contents")) {
            addGeminiParts(content, at: path, .message)
        }
        for (tool, path) in elements(body["tools"], at: root.key("tools")) {
            guard let declarations = member(tool, "functionDeclarations", "function_declarations") else { continue }
            for (declaration, declarationPath) in elements(declarations.value, at: path.key(declarations.name)) {
                add(declaration["description"], at: declarationPath.key("description"), .toolDefinition)
                if let schema = member(declaration, "parameters", "parametersJsonSchema", "parameters_json_schema") {
                    addSchemaDescriptions(schema.value, at: declarationPath.key(schema.name))
                }
            }
        }
    }

    /// The parts of a content: text, function calls and responses (inline and file data skipped).
    private mutating func addGeminiParts<Node: JSONReadable>(_ content: Node, at path: JSONPath, _ role: GuardrailText.Role) {
        for (part, partPath) in elements(content["parts"], at: path.key("parts")) {
            add(part["text"], at: partPath.key("text"), role)
            if let call = member(part, "functionCall", "function_call") {
                addLeaves(call.value["args"], at: partPath.key(call.name).key("args"), .toolArguments)
            }
            if let response = member(part, "functionResponse", "function_response") {
                addLeaves(response.value["response"], at: partPath.key(response.name).key("response"), .toolResult)
            }
        }
    }
}
