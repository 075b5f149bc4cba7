extension MockModel {
    /// What the mock answers to a chat request, before it is shaped as a response or a stream.
    struct ChatAnswer {
        /// The request hash all ids derive from.
        var hash: UInt64
        var content: String?
        var toolCalls: [ToolCall]
        var finishReason: FinishReason
        /// Completion tokens of one choice.
        var completionTokens: Int

        var id: String { "chatcmpl-mock-" + Hashing.hex(hash) }
    }

    /// Decides the answer to `request` by the rules in the type's documentation.
    func chatAnswer(_ request: ChatCompletionRequest) -> ChatAnswer {
        var canonical = request
        canonical.stream = nil
        canonical.streamOptions = nil
        let hash = Hashing.fingerprint(of: canonical)

        let functions = Self.calledFunctions(request)
        if !functions.isEmpty {
            let calls = functions.enumerated().map { index, function in
                ToolCall(
                    id: Hashing.toolCallID(hash: hash, index: index),
                    function: ToolCall.Function(name: function.name, arguments: SchemaJSON.object(for: function.parameters))
                )
            }
            let tokens = calls.reduce(0) { $0 + 1 + Words.count(in: $1.function.arguments) }
            return ChatAnswer(hash: hash, content: nil, toolCalls: calls, finishReason: .toolCalls, completionTokens: tokens)
        }

        let reply = Self.replyText(request.messages)
        let formatted: String
        switch request.responseFormat {
        case .jsonObject: formatted = "{\"reply\":" + SchemaJSON.quoted(reply) + "}"
        case .jsonSchema(let format): formatted = SchemaJSON.object(for: format.schema)
        default: formatted = reply
        }
        let limited = Words.limit(
            formatted,
            stop: request.stop,
            maxWords: request.maxCompletionTokens ?? request.maxTokens
        )
        return ChatAnswer(
            hash: hash,
            content: limited.text,
            toolCalls: [],
            finishReason: limited.finish,
            completionTokens: Words.count(in: limited.text)
        )
    }

    /// The functions the mock calls, empty when it answers with text.
    static func calledFunctions(_ request: ChatCompletionRequest) -> [FunctionDefinition] {
        guard let tools = request.tools, !tools.isEmpty,
            request.toolChoice != ToolChoice.none,
            request.messages.last?.role != .tool
        else { return [] }
        let offered = tools.map(\.function)
        if case .function(let name) = request.toolChoice {
            return [offered.first { $0.name == name } ?? FunctionDefinition(name: name)]
        }
        return request.parallelToolCalls == false ? Array(offered.prefix(1)) : offered
    }

    /// The plain-text reply: to the tool results, to the last user message, or the fallback.
    static func replyText(_ messages: [ChatMessage]) -> String {
        if messages.last?.role == .tool {
            let results = messages.reversed().prefix { $0.role == .tool }.reversed().map(\.text)
            return "Switchyard mock used the tool results: " + results.joined(separator: "; ")
        }
        guard let user = messages.last(where: { $0.role == .user }) else { return "Switchyard mock reply." }
        return "Switchyard mock reply to: " + user.text
    }

    /// Usage of an answer whose every one of `choices` choices spent `completionTokens`.
    static func usage(promptTokens: Int, completionTokens: Int, choices: Int) -> Usage {
        Usage(promptTokens: promptTokens, completionTokens: completionTokens * choices)
    }
}
