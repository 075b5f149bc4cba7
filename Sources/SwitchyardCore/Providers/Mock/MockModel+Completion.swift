extension MockModel {
    /// What the mock answers to a legacy completion request.
    struct CompletionAnswer {
        var id: String
        var text: String
        var finishReason: FinishReason
        var usage: Usage
        var choices: Int
    }

    func completionAnswer(_ request: CompletionRequest) -> CompletionAnswer {
        var canonical = request
        canonical.stream = nil
        canonical.streamOptions = nil
        let prompt = request.promptText
        let limited = Words.limit(
            " Switchyard mock completion of: " + prompt,
            stop: request.stop,
            maxWords: request.maxTokens
        )
        let count = Self.choiceCount(request.n)
        return CompletionAnswer(
            id: "cmpl-mock-" + Hashing.hex(Hashing.fingerprint(of: canonical)),
            text: request.echo == true ? prompt + limited.text : limited.text,
            finishReason: limited.finish,
            usage: Self.usage(
                promptTokens: Self.promptTokens(request.prompt),
                completionTokens: Words.count(in: limited.text),
                choices: count
            ),
            choices: count
        )
    }

    /// The non-streamed answer to a legacy completion request; see the type's documentation.
    public func completion(_ request: CompletionRequest, created: Int) -> CompletionResponse {
        let answer = completionAnswer(request)
        let choices = (0..<answer.choices).map { index in
            CompletionChoice(text: answer.text, index: index, finishReason: answer.finishReason)
        }
        return CompletionResponse(id: answer.id, created: created, model: name, choices: choices, usage: answer.usage)
    }

    /// The chunks OpenAI would stream for a legacy completion request, in order (without `[DONE]`).
    public func completionChunks(_ request: CompletionRequest, created: Int) -> [CompletionChunk] {
        let answer = completionAnswer(request)
        let includeUsage = request.streamOptions?.includeUsage == true

        func chunk(_ choice: CompletionChoice) -> CompletionChunk {
            CompletionChunk(id: answer.id, created: created, model: name, choices: [choice], usageIsExplicitNull: includeUsage)
        }

        var chunks: [CompletionChunk] = []
        for index in 0..<answer.choices {
            for piece in Words.pieces(of: answer.text) {
                chunks.append(chunk(CompletionChoice(text: piece, index: index)))
            }
            chunks.append(chunk(CompletionChoice(text: "", index: index, finishReason: answer.finishReason)))
        }
        if includeUsage {
            chunks.append(CompletionChunk(id: answer.id, created: created, model: name, choices: [], usage: answer.usage))
        }
        return chunks
    }

    /// The prompt tokens of a legacy prompt: words of its strings, or its token count.
    static func promptTokens(_ prompt: JSONValue?) -> Int {
        switch prompt {
        case .string(let text): Words.count(in: text)
        case .number: 1
        case .array(let items): items.reduce(0) { $0 + promptTokens($1) }
        default: 0
        }
    }
}
