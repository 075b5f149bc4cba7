/// Translates a Gemini provider's stream (`streamGenerateContent?alt=sse`) into OpenAI chat
/// completion chunks, one decoded Gemini chunk at a time.
///
/// Per candidate it emits a role chunk first, then one chunk per part: text → `content`,
/// thought text → `reasoning_content`, each `functionCall` → one complete `tool_calls` delta
/// (Gemini sends whole calls, so the arguments come in one piece; the tool index counts calls),
/// and a final chunk with `finish_reason` when the candidate finishes. Tool-call ids match what
/// `ChatCompletionResponse(gemini:…)` gives for the same response. Parts with no chat-chunk form
/// (inline images, code execution) are skipped: a stream cannot be refused halfway.
///
/// Gemini reports usage on most chunks and the final counts on the last one, so usage is
/// emitted by `finish()`, as OpenAI's usage-only chunk (`choices: []`) when `includeUsage`;
/// `usage` exposes it either way. Call `finish()` when the upstream stream ends.
public struct GeminiToOpenAIStream: Sendable {
    public let id: String
    public let model: String
    public let created: Int
    /// Whether the client asked for the usage chunk (`stream_options.include_usage`).
    public let includeUsage: Bool
    /// The latest usage Gemini reported; final once the stream has ended.
    public private(set) var usage: Usage?

    private var responseID: String?
    private var started: Set<Int> = []
    private var finished: Set<Int> = []
    private var callCounts: [Int: Int] = [:]
    private var ended = false

    /// - Parameters:
    ///   - id: the completion id written on every chunk; seeds tool-call ids when Gemini
    ///     sends no `responseId`.
    ///   - model: the model name written on every chunk (the one the client asked for).
    public init(id: String, model: String, created: Int, includeUsage: Bool) {
        self.id = id
        self.model = model
        self.created = created
        self.includeUsage = includeUsage
    }

    /// The OpenAI chunks for one Gemini chunk, in order.
    ///
    /// Throws the upstream's error when the chunk is an error envelope (see `streamError`), so
    /// a failed stream is never mistaken for an empty chunk.
    public mutating func translate(_ chunk: GeminiGenerateContentResponse) throws -> [ChatCompletionChunk] {
        if let error = chunk.streamError {
            throw error
        }
        responseID = responseID ?? chunk.responseId
        if let metadata = chunk.usageMetadata {
            usage = Usage(gemini: metadata)
        }
        var out: [ChatCompletionChunk] = []
        let candidates = chunk.candidates ?? []
        if candidates.isEmpty, chunk.promptFeedback?.blockReason != nil, !finished.contains(0) {
            out += start(0)
            out.append(self.chunk(0, ChatDelta(), finishReason: .contentFilter))
            finished.insert(0)
        }
        for (position, candidate) in candidates.enumerated() {
            out += translate(candidate, index: candidate.index ?? position)
        }
        return out
    }

    /// The chunks owed when the upstream stream ends: the usage chunk, if the client asked for
    /// it and Gemini reported usage. Further calls return nothing.
    public mutating func finish() -> [ChatCompletionChunk] {
        guard !ended else { return [] }
        ended = true
        guard includeUsage, let usage else { return [] }
        return [.usageOnly(id: id, created: created, model: model, usage: usage)]
    }

    private mutating func translate(_ candidate: GeminiCandidate, index: Int) -> [ChatCompletionChunk] {
        var out = start(index)
        let seed = responseID ?? id
        for part in candidate.content?.parts ?? [] {
            if part.functionCall != nil {
                let first = callCounts[index, default: 0]
                let read = GeminiCandidateContent([part], seed: seed, candidate: index, firstCall: first)
                for call in read.toolCalls {
                    let delta = ToolCallDelta(
                        index: callCounts[index, default: 0],
                        id: call.id,
                        type: "function",
                        function: ToolCallDelta.Function(name: call.function.name, arguments: call.function.arguments),
                        extra: call.extra
                    )
                    callCounts[index, default: 0] += 1
                    out.append(chunk(index, ChatDelta(toolCalls: [delta])))
                }
            } else if let text = part.text {
                let extra = GeminiThoughtSignature.extra(part.thoughtSignature)
                if part.isThought {
                    if !text.isEmpty || !extra.isEmpty {
                        out.append(chunk(index, ChatDelta(reasoningContent: text, extra: extra)))
                    }
                } else if !text.isEmpty || !extra.isEmpty {
                    out.append(chunk(index, ChatDelta(content: text, extra: extra)))
                }
            } else if let signature = part.thoughtSignature {
                out.append(chunk(index, ChatDelta(content: "", extra: GeminiThoughtSignature.extra(signature))))
            }
        }
        if let reason = candidate.finishReason, !finished.contains(index) {
            finished.insert(index)
            let finishReason = reason.openAI(calledFunctions: callCounts[index, default: 0] > 0)
            out.append(chunk(index, ChatDelta(), finishReason: finishReason))
        }
        return out
    }

    /// The role chunk of a candidate, the first time it appears.
    private mutating func start(_ index: Int) -> [ChatCompletionChunk] {
        guard started.insert(index).inserted else { return [] }
        return [chunk(index, ChatDelta(role: .assistant, content: ""))]
    }

    private func chunk(_ index: Int, _ delta: ChatDelta, finishReason: FinishReason? = nil) -> ChatCompletionChunk {
        .translated(id: id, created: created, model: model, index: index, delta: delta, finishReason: finishReason, includeUsage: includeUsage)
    }
}
