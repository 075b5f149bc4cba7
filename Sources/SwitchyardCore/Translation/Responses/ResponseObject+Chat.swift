extension ResponseObject {
    /// The response for a chat answer to a translated Responses request.
    ///
    /// Choice 0's reasoning becomes a `reasoning` item, its text and refusal one assistant
    /// `message` item, each tool call a `function_call` item (its `call_id` the tool call's
    /// id), in that order. `length` makes the response `incomplete` for `max_output_tokens`,
    /// `content_filter` for `content_filter`. Settings are echoed from `request`.
    public init(chat: ChatCompletionResponse, request: ResponsesRequest, id: String, createdAt: Int, itemIDs: ResponseItemIDs) {
        let choice = chat.choices.first { $0.index == 0 } ?? chat.choices.first
        self = .finished(
            request: request,
            id: id,
            createdAt: createdAt,
            output: choice.map { Self.output(of: $0.message, itemIDs: itemIDs) } ?? [],
            finishReason: choice?.finishReason,
            usage: chat.usage
        )
    }

    /// The output items of one chat message.
    static func output(of message: ChatMessage, itemIDs: ResponseItemIDs) -> [ResponseItem] {
        var output: [ResponseItem] = []
        if let reasoning = message.reasoningContent, !reasoning.isEmpty {
            output.append(.reasoning(ResponseReasoningItem(id: itemIDs.reasoning(at: output.count), summary: [.init(text: reasoning)])))
        }
        var parts: [ResponseContentPart] = []
        if let content = message.content, !content.text.isEmpty {
            parts.append(.outputText(.init(text: content.text)))
        }
        if let refusal = message.refusal, !refusal.isEmpty {
            parts.append(.refusal(refusal))
        }
        if !parts.isEmpty {
            let id = itemIDs.message(at: output.count)
            output.append(.message(ResponseMessage(id: id, role: .assistant, content: .parts(parts), status: .completed)))
        }
        for call in message.toolCalls ?? [] {
            let id = itemIDs.functionCall(at: output.count)
            output.append(.functionCall(ResponseFunctionCall(
                id: id, callID: call.id, name: call.function.name, arguments: call.function.arguments, status: .completed
            )))
        }
        return output
    }
}
