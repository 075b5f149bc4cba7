extension ChatCompletionRequest {
    /// Sets `tools` and `tool_choice` from a Gemini request's `tools` and `toolConfig`.
    ///
    /// `allowedFunctionNames` narrows `tools` to those functions (what Gemini does with it), and
    /// `ANY` with exactly one allowed name becomes a named `tool_choice`. Declarations keep a
    /// `parametersJsonSchema` as is; an OpenAPI-subset `parameters` is turned into JSON Schema.
    mutating func applyGeminiTools(_ tools: [GeminiTool]?, config: GeminiToolConfig?, policy: GeminiDropPolicy) throws {
        var functions: [ChatTool] = []
        for (index, tool) in (tools ?? []).enumerated() {
            for declaration in tool.functionDeclarations ?? [] {
                let parameters = declaration.parametersJsonSchema
                    ?? declaration.parameters.map(GeminiSchema.jsonSchema(fromOpenAPI:))
                let function = FunctionDefinition(
                    name: declaration.name,
                    description: declaration.description,
                    parameters: parameters
                )
                functions.append(ChatTool(function: function))
            }
            for key in tool.extra.keys.sorted() {
                try policy.unsupported(
                    "The built-in Gemini tool `\(key)` has no OpenAI Chat Completions equivalent.",
                    param: "tools[\(index)].\(key)"
                )
            }
        }
        guard let calling = config?.functionCallingConfig else {
            self.tools = functions.isEmpty ? nil : functions
            return
        }
        let param = "toolConfig.functionCallingConfig"
        if let allowed = calling.allowedFunctionNames, !allowed.isEmpty {
            functions = functions.filter { allowed.contains($0.function.name) }
            if functions.isEmpty {
                throw GatewayError.invalidRequest(
                    "`allowedFunctionNames` names no declared function.",
                    param: "\(param).allowedFunctionNames"
                )
            }
        }
        self.tools = functions.isEmpty ? nil : functions
        guard let mode = calling.mode else { return }
        switch mode {
        case .auto, .validated: toolChoice = .auto
        case .none: toolChoice = ToolChoice.none
        case .any:
            if functions.count == 1, let only = functions.first, calling.allowedFunctionNames != nil {
                toolChoice = .function(name: only.function.name)
            } else {
                toolChoice = .required
            }
        case .other(let mode) where mode.uppercased() == "MODE_UNSPECIFIED":
            break
        case .other(let mode):
            try policy.unsupported("The function-calling mode `\(mode)` is unknown.", param: "\(param).mode")
        }
    }
}
