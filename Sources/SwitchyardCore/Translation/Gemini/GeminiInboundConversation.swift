/// Turns a Gemini client's `contents` into OpenAI chat messages, one content at a time.
///
/// Stateful because function responses name their call only by `name` (and sometimes `id`):
/// each is matched to an unanswered call of the latest model turn, and calls that came without
/// an id get `call_<n>` numbered through the whole request.
struct GeminiInboundConversation {
    private let policy: GeminiDropPolicy
    private var callsMade = 0
    /// Calls of the latest model turn not yet answered, in order.
    private var openCalls: [(id: String, name: String)] = []

    init(policy: GeminiDropPolicy) {
        self.policy = policy
    }

    /// The `system` message for a `systemInstruction`; nil when it holds no text.
    func systemMessage(_ instruction: GeminiContent) throws -> ChatMessage? {
        var texts: [String] = []
        for (index, part) in instruction.parts.enumerated() {
            if let text = part.text {
                texts.append(text)
            } else {
                try policy.unsupported(
                    "A system instruction can only hold text in OpenAI Chat Completions.",
                    param: "systemInstruction.parts[\(index)]"
                )
            }
        }
        return texts.isEmpty ? nil : ChatMessage(role: .system, content: .text(texts.joined(separator: "\n")))
    }

    /// The messages for `contents`, in order.
    mutating func messages(from contents: [GeminiContent]) throws -> [ChatMessage] {
        var messages: [ChatMessage] = []
        for (index, content) in contents.enumerated() {
            switch content.role {
            case .model:
                if let message = try assistantMessage(content, at: index) { messages.append(message) }
            case .user, nil, .other("function"), .other("tool"):
                messages += try userMessages(content, at: index)
            case .other(let role):
                throw GatewayError.invalidRequest(
                    "Unknown role `\(role)`: a content's role must be `user` or `model`.",
                    param: "contents[\(index)].role"
                )
            }
        }
        return messages
    }

    // MARK: Model turns

    private mutating func assistantMessage(_ content: GeminiContent, at index: Int) throws -> ChatMessage? {
        openCalls = []
        var text = ""
        var reasoning = ""
        var toolCalls: [ToolCall] = []
        var signature: String?
        for (partIndex, part) in content.parts.enumerated() {
            let param = "contents[\(index)].parts[\(partIndex)]"
            if let call = part.functionCall {
                let id = call.id ?? GeminiToolCallID.sequential(callsMade)
                callsMade += 1
                openCalls.append((id, call.name))
                let arguments = GeminiJSONText.compact(.object(call.args ?? [:]))
                toolCalls.append(
                    ToolCall(
                        id: id,
                        function: ToolCall.Function(name: call.name, arguments: arguments),
                        extra: GeminiThoughtSignature.extra(part.thoughtSignature)
                    )
                )
                continue
            }
            if let partText = part.text {
                if part.isThought { reasoning += partText } else { text += partText }
            } else if part.thoughtSignature == nil || !Self.isBare(part) {
                try policy.unsupported(
                    "This \(Self.kind(of: part)) part of a model turn has no OpenAI Chat Completions equivalent.",
                    param: param
                )
                continue
            }
            signature = part.thoughtSignature ?? signature
        }
        guard !text.isEmpty || !reasoning.isEmpty || !toolCalls.isEmpty || signature != nil else { return nil }
        return ChatMessage(
            role: .assistant,
            content: text.isEmpty && !toolCalls.isEmpty ? nil : .text(text),
            toolCalls: toolCalls.isEmpty ? nil : toolCalls,
            reasoningContent: reasoning.isEmpty ? nil : reasoning,
            extra: GeminiThoughtSignature.extra(signature)
        )
    }

    // MARK: User turns

    /// Tool messages first (OpenAI wants them right after the assistant's calls), then one user
    /// message with the rest of the parts.
    private mutating func userMessages(_ content: GeminiContent, at index: Int) throws -> [ChatMessage] {
        var toolMessages: [ChatMessage] = []
        var parts: [ChatContentPart] = []
        for (partIndex, part) in content.parts.enumerated() {
            let param = "contents[\(index)].parts[\(partIndex)]"
            if let response = part.functionResponse {
                toolMessages.append(try toolMessage(response, param: param))
            } else if let converted = try userPart(part, param: param) {
                parts.append(converted)
            }
        }
        guard !parts.isEmpty else { return toolMessages }
        let content: ChatMessageContent
        if parts.count == 1, let text = parts[0].text {
            content = .text(text)
        } else {
            content = .parts(parts)
        }
        return toolMessages + [ChatMessage(role: .user, content: content)]
    }

    private mutating func toolMessage(_ response: GeminiFunctionResponse, param: String) throws -> ChatMessage {
        if response.extra["parts"] != nil {
            try policy.unsupported(
                "Multimodal function responses (`parts`) have no OpenAI Chat Completions equivalent.",
                param: "\(param).functionResponse.parts"
            )
        }
        let match = openCalls.firstIndex { $0.id == response.id }
            ?? openCalls.firstIndex { $0.name == response.name }
        let id: String
        if let match {
            id = openCalls.remove(at: match).id
        } else if let own = response.id {
            id = own
        } else {
            id = GeminiToolCallID.sequential(callsMade)
            callsMade += 1
        }
        let result = GeminiJSONText.compact(.object(response.response ?? [:]))
        return ChatMessage(role: .tool, content: .text(result), toolCallID: id)
    }

    private func userPart(_ part: GeminiPart, param: String) throws -> ChatContentPart? {
        if let text = part.text {
            return .text(text)
        }
        if let blob = part.inlineData {
            let mimeType = blob.mimeType.lowercased()
            let url = GeminiMediaType.dataURL(mimeType: mimeType, base64: blob.data)
            if mimeType.hasPrefix("image/") {
                return .imageURL(ChatContentPart.ImageURL(url: url))
            }
            if mimeType.hasPrefix("audio/") {
                let format = GeminiMediaType.audioFormat(mimeType: mimeType)
                return .inputAudio(ChatContentPart.InputAudio(data: blob.data, format: format))
            }
            let filename = GeminiMediaType.filename(for: mimeType)
            return .file(ChatContentPart.File(fileData: url, filename: filename))
        }
        if let file = part.fileData {
            let format: [String: JSONValue] = file.mimeType.map { ["format": .string($0)] } ?? [:]
            return .imageURL(ChatContentPart.ImageURL(url: file.fileUri, extra: format))
        }
        if part.thoughtSignature != nil, Self.isBare(part) {
            return nil
        }
        try policy.unsupported(
            "This \(Self.kind(of: part)) part of a user turn has no OpenAI Chat Completions equivalent.",
            param: param
        )
        return nil
    }

    // MARK: Part kinds

    /// Whether the part carries nothing but modifiers (`thought`, `thoughtSignature`).
    private static func isBare(_ part: GeminiPart) -> Bool {
        part.text == nil && part.inlineData == nil && part.fileData == nil && part.functionCall == nil
            && part.functionResponse == nil && part.executableCode == nil && part.codeExecutionResult == nil
            && part.extra.isEmpty
    }

    /// The part's member name, for error messages.
    private static func kind(of part: GeminiPart) -> String {
        if part.inlineData != nil { return "`inlineData`" }
        if part.fileData != nil { return "`fileData`" }
        if part.functionCall != nil { return "`functionCall`" }
        if part.functionResponse != nil { return "`functionResponse`" }
        if part.executableCode != nil { return "`executableCode`" }
        if part.codeExecutionResult != nil { return "`codeExecutionResult`" }
        if let key = part.extra.keys.sorted().first { return "`\(key)`" }
        return "empty"
    }
}
