/// Turns OpenAI chat completion chunks into an Anthropic Messages stream, one chunk at a time.
///
/// Create one per stream and feed it every decoded chunk in order; each call returns the events
/// to send at once. The events keep Anthropic's order: `message_start` and a `ping` on the first
/// chunk; a content block per run of text, per run of reasoning (a thinking block) and per tool
/// call index, each `content_block_start` … deltas … `content_block_stop`, a block stopping
/// when the next one starts; then `message_delta` (stop reason, null stop sequence, usage) and
/// `message_stop`.
///
/// OpenAI sends usage in a chunk after the one with `finish_reason` when the request set
/// `stream_options.include_usage` (the gateway always does upstream), so `message_delta` waits
/// for that chunk, or for `finish()`, to report the right `output_tokens`. Only choice 0 is
/// read. Argument pieces for a tool call whose block already stopped (OpenAI interleaving
/// parallel calls, which it does not do in practice) are still sent, at that block's index.
public struct OpenAIToAnthropicStream: Sendable {
    public let requestedModel: String?
    /// The `input_tokens` of `message_start` when the first chunk carries no usage (OpenAI
    /// reports usage at the end; Anthropic at the start).
    public let estimatedInputTokens: Int

    private enum OpenBlock: Sendable, Equatable {
        case text
        case thinking
        case tool(Int)
    }

    private var started = false
    private var finished = false
    private var messageID = ""
    private var nextIndex = 0
    private var open: (kind: OpenBlock, index: Int)?
    private var toolBlocks: [Int: Int] = [:]
    private var stopReason: AnthropicStopReason?
    private var openAIUsage: Usage?

    public init(requestedModel: String? = nil, estimatedInputTokens: Int = 0) {
        self.requestedModel = requestedModel
        self.estimatedInputTokens = estimatedInputTokens
    }

    /// Token counts in Anthropic's terms, once the upstream reported them.
    public var usage: AnthropicUsage? {
        openAIUsage.map(AnthropicUsage.init(openAI:))
    }

    /// The events for one OpenAI chunk.
    public mutating func consume(_ chunk: ChatCompletionChunk) -> [AnthropicStreamEvent] {
        guard !finished else { return [] }
        var events: [AnthropicStreamEvent] = []
        if let usage = chunk.usage {
            openAIUsage = usage
        }
        if !started {
            started = true
            events += messageStart(chunk)
        }
        for choice in chunk.choices where choice.index == 0 {
            events += apply(choice.delta)
            if let reason = choice.finishReason {
                events += closeOpenBlock()
                stopReason = AnthropicStopReason(openAI: reason)
            }
        }
        if stopReason != nil, openAIUsage != nil {
            events += messageEnd()
        }
        return events
    }

    /// What is still owed when the upstream stream ends: the open block's stop, `message_delta`
    /// (stop reason `end_turn` when none came) and `message_stop`. Nothing if no chunk came.
    public mutating func finish() -> [AnthropicStreamEvent] {
        guard started, !finished else { return [] }
        return closeOpenBlock() + messageEnd()
    }

    // MARK: Deltas

    private mutating func apply(_ delta: ChatDelta) -> [AnthropicStreamEvent] {
        var events: [AnthropicStreamEvent] = []
        if let reasoning = delta.reasoningContent, !reasoning.isEmpty {
            events += ensureOpen(.thinking)
            events.append(.contentBlockDelta(index: nextIndex - 1, delta: .thinking(reasoning)))
        }
        for block in delta.extra[AnthropicPivotKey.thinkingBlocks]?.arrayValue ?? [] {
            events += thinkingBlock(block)
        }
        for text in [delta.content, delta.refusal].compactMap({ $0 }) where !text.isEmpty {
            events += ensureOpen(.text)
            events.append(.contentBlockDelta(index: nextIndex - 1, delta: .text(text)))
        }
        for call in delta.toolCalls ?? [] {
            events += toolCall(call)
        }
        return events
    }

    /// A whole thinking block relayed in `thinking_blocks`: its signature ends the open thinking
    /// block (whose text came as `reasoning_content`); a redacted block is a block of its own.
    private mutating func thinkingBlock(_ value: JSONValue) -> [AnthropicStreamEvent] {
        switch value.decoded(as: AnthropicContentBlock.self) {
        case .thinking(let block)?:
            guard let signature = block.signature, !signature.isEmpty else { return [] }
            return ensureOpen(.thinking) + [.contentBlockDelta(index: nextIndex - 1, delta: .signature(signature))]
        case .redactedThinking(let block)?:
            let index = nextIndex
            nextIndex += 1
            return closeOpenBlock() + [.contentBlockStart(index: index, block: .redactedThinking(block)), .contentBlockStop(index: index)]
        default:
            return []
        }
    }

    private mutating func toolCall(_ call: ToolCallDelta) -> [AnthropicStreamEvent] {
        var events: [AnthropicStreamEvent] = []
        let blockIndex: Int
        if let known = toolBlocks[call.index] {
            blockIndex = known
        } else {
            events += closeOpenBlock()
            blockIndex = nextIndex
            nextIndex += 1
            toolBlocks[call.index] = blockIndex
            open = (.tool(call.index), blockIndex)
            let use = AnthropicToolUseBlock(
                id: call.id ?? "toolu_\(messageID.dropFirst(4))_\(call.index)",
                name: call.function?.name ?? ""
            )
            events.append(.contentBlockStart(index: blockIndex, block: .toolUse(use)))
        }
        if let piece = call.function?.arguments, !piece.isEmpty {
            events.append(.contentBlockDelta(index: blockIndex, delta: .inputJSON(piece)))
        }
        return events
    }

    // MARK: Blocks

    /// Starts a block of `kind` unless one is open; returns the events that takes.
    private mutating func ensureOpen(_ kind: OpenBlock) -> [AnthropicStreamEvent] {
        if open?.kind == kind { return [] }
        let events = closeOpenBlock()
        let index = nextIndex
        nextIndex += 1
        open = (kind, index)
        let block: AnthropicContentBlock =
            kind == .thinking ? .thinking(AnthropicThinkingBlock(thinking: "", signature: "")) : .text("")
        return events + [.contentBlockStart(index: index, block: block)]
    }

    private mutating func closeOpenBlock() -> [AnthropicStreamEvent] {
        guard let current = open else { return [] }
        open = nil
        return [.contentBlockStop(index: current.index)]
    }

    // MARK: Message

    private mutating func messageStart(_ chunk: ChatCompletionChunk) -> [AnthropicStreamEvent] {
        messageID = AnthropicMessagesResponse.messageID(fromOpenAI: chunk.id)
        var usage = usage ?? AnthropicUsage(inputTokens: estimatedInputTokens, outputTokens: 0)
        usage.outputTokens = 0
        let message = AnthropicMessagesResponse(
            id: messageID,
            model: requestedModel ?? chunk.model,
            content: [],
            stopReason: nil,
            usage: usage
        )
        return [.messageStart(message), .ping]
    }

    private mutating func messageEnd() -> [AnthropicStreamEvent] {
        finished = true
        let final = usage ?? AnthropicUsage(inputTokens: estimatedInputTokens, outputTokens: 0)
        let usage = AnthropicMessageDeltaUsage(
            outputTokens: final.outputTokens,
            inputTokens: final.inputTokens,
            cacheCreationInputTokens: final.cacheCreationInputTokens,
            cacheReadInputTokens: final.cacheReadInputTokens
        )
        return [.messageDelta(AnthropicMessageDelta(stopReason: stopReason ?? .endTurn, usage: usage)), .messageStop]
    }
}
