/// The chunks every stream translated into OpenAI's dialect is made of.
extension ChatCompletionChunk {
    /// One choice carrying `delta`. With `includeUsage`, the chunk says `"usage": null`, as
    /// OpenAI's own streams do when the client asked for usage.
    static func translated(
        id: String,
        created: Int,
        model: String,
        index: Int = 0,
        delta: ChatDelta,
        finishReason: FinishReason? = nil,
        includeUsage: Bool
    ) -> ChatCompletionChunk {
        ChatCompletionChunk(
            id: id,
            created: created,
            model: model,
            choices: [ChunkChoice(index: index, delta: delta, finishReason: finishReason)],
            usageIsExplicitNull: includeUsage
        )
    }

    /// The usage-only chunk that ends a stream whose client asked for usage.
    static func usageOnly(id: String, created: Int, model: String, usage: Usage) -> ChatCompletionChunk {
        ChatCompletionChunk(id: id, created: created, model: model, choices: [], usage: usage)
    }
}

extension FinishReason {
    /// A JSON-mode answer arrives as a call to the gateway's own response tool; with no real
    /// tool called, the client asked for JSON and gets `stop`.
    func forJSONMode(_ jsonMode: Bool, toolCount: Int) -> FinishReason {
        jsonMode && toolCount == 0 && self == .toolCalls ? .stop : self
    }
}
