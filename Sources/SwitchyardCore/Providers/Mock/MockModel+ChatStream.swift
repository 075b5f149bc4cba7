extension MockModel {
    /// The chunks OpenAI would stream for a chat request, in order (without the `[DONE]` event).
    ///
    /// See the type's documentation for the exact sequence.
    public func chatCompletionChunks(_ request: ChatCompletionRequest, created: Int) -> [ChatCompletionChunk] {
        let answer = chatAnswer(request)
        let count = Self.choiceCount(request.n)
        let includeUsage = request.streamOptions?.includeUsage == true

        func chunk(_ index: Int, _ delta: ChatDelta, finish: FinishReason? = nil) -> ChatCompletionChunk {
            ChatCompletionChunk(
                id: answer.id,
                created: created,
                model: name,
                choices: [ChunkChoice(index: index, delta: delta, finishReason: finish)],
                usageIsExplicitNull: includeUsage
            )
        }

        var chunks: [ChatCompletionChunk] = []
        for index in 0..<count {
            if answer.toolCalls.isEmpty {
                chunks.append(chunk(index, ChatDelta(role: .assistant, content: "")))
                for piece in Words.pieces(of: answer.content ?? "") {
                    chunks.append(chunk(index, ChatDelta(content: piece)))
                }
            } else {
                chunks.append(chunk(index, ChatDelta(role: .assistant)))
                for (callIndex, call) in answer.toolCalls.enumerated() {
                    let opening = ToolCallDelta(
                        index: callIndex,
                        id: call.id,
                        type: call.type,
                        function: .init(name: call.function.name, arguments: "")
                    )
                    chunks.append(chunk(index, ChatDelta(toolCalls: [opening])))
                    for piece in Words.thirds(of: call.function.arguments) {
                        let fragment = ToolCallDelta(index: callIndex, function: .init(arguments: piece))
                        chunks.append(chunk(index, ChatDelta(toolCalls: [fragment])))
                    }
                }
            }
            chunks.append(chunk(index, ChatDelta(), finish: answer.finishReason))
        }
        if includeUsage {
            let usage = Self.usage(
                promptTokens: Self.promptTokens(request.messages),
                completionTokens: answer.completionTokens,
                choices: count
            )
            chunks.append(ChatCompletionChunk(id: answer.id, created: created, model: name, choices: [], usage: usage))
        }
        return chunks
    }
}
