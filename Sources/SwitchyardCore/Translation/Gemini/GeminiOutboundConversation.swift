/// Builds Gemini `contents` and `systemInstruction` from OpenAI messages, one message at a time.
///
/// Gemini wants `user` and `model` turns; consecutive messages that land on the same role
/// (a run of tool results and the user message after them) are merged into one content.
struct GeminiOutboundConversation {
    private let policy: GeminiDropPolicy
    private(set) var contents: [GeminiContent] = []
    private(set) var systemParts: [GeminiPart] = []
    /// The function name of every tool call seen so far, by id, to name function responses.
    private var callNames: [String: String] = [:]

    init(policy: GeminiDropPolicy) {
        self.policy = policy
    }

    /// The system instruction gathered from every `system` and `developer` message.
    var systemInstruction: GeminiContent? {
        systemParts.isEmpty ? nil : GeminiContent(parts: systemParts)
    }

    mutating func add(_ messages: [ChatMessage]) throws {
        for (index, message) in messages.enumerated() {
            try add(message, at: index)
        }
    }

    private mutating func add(_ message: ChatMessage, at index: Int) throws {
        let param = "messages[\(index)]"
        switch message.role {
        case .system, .developer:
            systemParts += try textParts(of: message.content, param: param)
        case .user:
            append(.user, try userParts(of: message.content, param: param))
        case .assistant:
            append(.model, try modelParts(of: message, param: param))
        case .tool:
            guard let id = message.toolCallID, let name = callNames[id] else {
                throw GatewayError.invalidRequest(
                    "A tool message must answer a tool call of an earlier assistant message by its id.",
                    param: "\(param).tool_call_id"
                )
            }
            append(.user, [Self.functionResponsePart(name: name, content: message.content)])
        case .function:
            guard let name = message.name else {
                throw GatewayError.invalidRequest("A function message needs the function's `name`.", param: "\(param).name")
            }
            append(.user, [Self.functionResponsePart(name: name, content: message.content)])
        case .other(let role):
            throw GatewayError.invalidRequest("Unknown role `\(role)`.", param: "\(param).role")
        }
    }

    /// Adds parts under `role`, merging with the previous content when it has the same role.
    private mutating func append(_ role: GeminiRole, _ parts: [GeminiPart]) {
        guard !parts.isEmpty else { return }
        if let last = contents.indices.last, contents[last].role == role {
            contents[last].parts += parts
        } else {
            contents.append(GeminiContent(role: role, parts: parts))
        }
    }

    // MARK: Messages

    private func textParts(of content: ChatMessageContent?, param: String) throws -> [GeminiPart] {
        switch content {
        case .text(let text):
            return text.isEmpty ? [] : [GeminiPart(text: text)]
        case .parts(let parts):
            var result: [GeminiPart] = []
            for (index, part) in parts.enumerated() {
                if let text = part.text {
                    if !text.isEmpty { result.append(GeminiPart(text: text)) }
                } else {
                    try policy.unsupported(
                        "Gemini takes only text in a system instruction.",
                        param: "\(param).content[\(index)]"
                    )
                }
            }
            return result
        case nil:
            return []
        }
    }

    private func userParts(of content: ChatMessageContent?, param: String) throws -> [GeminiPart] {
        guard case .parts(let parts) = content else { return try textParts(of: content, param: param) }
        var result: [GeminiPart] = []
        for (index, part) in parts.enumerated() {
            if let converted = try GeminiOutboundPart.convert(part, param: "\(param).content[\(index)]", policy: policy) {
                result.append(converted)
            }
        }
        return result
    }

    /// Text first (carrying the message's signature), then one `functionCall` part per tool call.
    ///
    /// `reasoning_content` is not sent: Gemini keeps reasoning context in thought signatures.
    private mutating func modelParts(of message: ChatMessage, param: String) throws -> [GeminiPart] {
        var parts: [GeminiPart] = []
        for (index, part) in Self.contentParts(message.content).enumerated() {
            if let text = part.text {
                if !text.isEmpty { parts.append(GeminiPart(text: text)) }
            } else {
                try policy.unsupported(
                    "Gemini model turns can only hold text and function calls.",
                    param: "\(param).content[\(index)]"
                )
            }
        }
        if let signature = GeminiThoughtSignature.read(from: message.extra) {
            if let last = parts.indices.last {
                parts[last].thoughtSignature = signature
            } else {
                parts.append(GeminiPart(text: "", thoughtSignature: signature))
            }
        }
        for (index, call) in (message.toolCalls ?? []).enumerated() {
            let argumentsParam = "\(param).tool_calls[\(index)].function.arguments"
            let text = call.function.arguments
            guard let args = text.allSatisfy(\.isWhitespace) ? [:] : GeminiJSONText.parseObject(text) else {
                throw GatewayError.invalidRequest("Tool-call arguments must be a JSON object.", param: argumentsParam)
            }
            callNames[call.id] = call.function.name
            parts.append(
                GeminiPart(
                    functionCall: GeminiFunctionCall(name: call.function.name, args: args),
                    thoughtSignature: GeminiThoughtSignature.read(from: call.extra)
                )
            )
        }
        return parts
    }

    /// The content as parts: a plain string is one text part.
    private static func contentParts(_ content: ChatMessageContent?) -> [ChatContentPart] {
        switch content {
        case .parts(let parts): parts
        case .text(let text): [.text(text)]
        case nil: []
        }
    }

    /// A tool result as a `functionResponse`: its JSON object, or `{"content": text}`.
    private static func functionResponsePart(name: String, content: ChatMessageContent?) -> GeminiPart {
        let text = content?.text ?? ""
        let response = GeminiJSONText.parseObject(text) ?? ["content": .string(text)]
        return GeminiPart(functionResponse: GeminiFunctionResponse(name: name, response: response))
    }
}
