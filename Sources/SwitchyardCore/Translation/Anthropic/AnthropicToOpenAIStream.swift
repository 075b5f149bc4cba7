/// Turns an Anthropic Messages stream into OpenAI chat completion chunks, one event at a time.
///
/// Create one per stream and feed it every decoded event in order; each call returns the
/// chunks to send at once (nothing is held back to the end):
/// - `message_start` → a chunk with `role: assistant` and `content: ""`;
/// - `text_delta` → `content`; `thinking_delta` → `reasoning_content`; when a thinking block
///   stops, one chunk carries the whole block (with its signature) in `thinking_blocks`;
/// - a `tool_use` block start → a `tool_calls` delta with `index` (0-based count of tool
///   blocks), `id`, `type: function`, `name` and `arguments: ""`; `input_json_delta` →
///   an `arguments` piece;
/// - `message_delta` with a stop reason → a chunk with `finish_reason` and an empty delta;
/// - `message_stop` → a usage chunk (no choices) only when `includeUsage`; `usage` always has it;
/// - `ping` and unknown events → nothing; an `error` event throws a `GatewayError` for the
///   caller to send as an in-stream error.
///
/// In `jsonMode` the `json_tool_call` block's input streams as `content` and the answer ends
/// with `stop`.
public struct AnthropicToOpenAIStream: Sendable {
    public let requestedModel: String?
    /// Unix seconds written on every chunk.
    public let created: Int
    public let includeUsage: Bool
    public let jsonMode: Bool
    /// The finish reason, once `message_delta` gave it.
    public private(set) var finishReason: FinishReason?

    private enum Block: Sendable {
        case text
        /// A tool block and its OpenAI tool-call index.
        case tool(Int)
        case jsonTool
        case thinking(text: String, signature: String?)
        case ignored
    }

    private var id = ""
    private var model = ""
    private var blocks: [Int: Block] = [:]
    private var toolCount = 0
    private var anthropicUsage: AnthropicUsage?
    private var sentFinish = false
    private var sentUsage = false

    public init(requestedModel: String? = nil, created: Int, includeUsage: Bool, jsonMode: Bool = false) {
        self.requestedModel = requestedModel
        self.created = created
        self.includeUsage = includeUsage
        self.jsonMode = jsonMode
    }

    /// Token counts so far, in OpenAI's terms (final once `message_delta` has arrived).
    public var usage: Usage? {
        anthropicUsage.map(Usage.init(anthropic:))
    }

    /// The chunks for one Anthropic event.
    public mutating func consume(_ event: AnthropicStreamEvent) throws(GatewayError) -> [ChatCompletionChunk] {
        switch event {
        case .messageStart(let message):
            id = message.id
            model = requestedModel ?? message.model
            anthropicUsage = message.usage
            return [chunk(ChatDelta(role: .assistant, content: ""))]
        case .contentBlockStart(let index, let block):
            return start(block, at: index)
        case .contentBlockDelta(let index, let delta):
            return apply(delta, at: index)
        case .contentBlockStop(let index):
            return stop(at: index)
        case .messageDelta(let delta):
            return messageDelta(delta)
        case .messageStop:
            return usageChunk()
        case .error(let detail):
            throw GatewayError(anthropic: detail)
        case .ping, .other:
            return []
        }
    }

    /// What is still owed when the upstream stream ends: the usage chunk, if `message_stop`
    /// never came after the finish reason.
    public mutating func finish() -> [ChatCompletionChunk] {
        sentFinish ? usageChunk() : []
    }

    // MARK: Blocks

    private mutating func start(_ block: AnthropicContentBlock, at index: Int) -> [ChatCompletionChunk] {
        switch block {
        case .text(let text):
            blocks[index] = .text
            return text.text.isEmpty ? [] : [chunk(ChatDelta(content: text.text))]
        case .toolUse(let use) where jsonMode && use.name == AnthropicMessagesRequest.jsonResponseToolName:
            blocks[index] = .jsonTool
            return []
        case .toolUse(let use):
            blocks[index] = .tool(toolCount)
            let call = ToolCallDelta(index: toolCount, id: use.id, type: "function", function: .init(name: use.name, arguments: ""))
            toolCount += 1
            return [chunk(ChatDelta(toolCalls: [call]))]
        case .thinking(let thinking):
            blocks[index] = .thinking(text: thinking.thinking, signature: thinking.signature)
            return thinking.thinking.isEmpty ? [] : [chunk(ChatDelta(reasoningContent: thinking.thinking))]
        case .redactedThinking:
            blocks[index] = .ignored
            let whole = (try? JSONValue(encoding: block)) ?? .null
            return [chunk(ChatDelta(extra: [AnthropicPivotKey.thinkingBlocks: [whole]]))]
        default:
            blocks[index] = .ignored
            return []
        }
    }

    private mutating func apply(_ delta: AnthropicContentDelta, at index: Int) -> [ChatCompletionChunk] {
        switch (blocks[index], delta) {
        case (.text?, .text(let text)) where !text.isEmpty:
            return [chunk(ChatDelta(content: text))]
        case (.jsonTool?, .inputJSON(let piece)) where !piece.isEmpty:
            return [chunk(ChatDelta(content: piece))]
        case (.tool(let toolIndex)?, .inputJSON(let piece)) where !piece.isEmpty:
            let call = ToolCallDelta(index: toolIndex, function: .init(arguments: piece))
            return [chunk(ChatDelta(toolCalls: [call]))]
        case (.thinking(let text, let signature)?, .thinking(let piece)):
            blocks[index] = .thinking(text: text + piece, signature: signature)
            return piece.isEmpty ? [] : [chunk(ChatDelta(reasoningContent: piece))]
        case (.thinking(let text, _)?, .signature(let signature)):
            blocks[index] = .thinking(text: text, signature: signature)
            return []
        default:
            return []
        }
    }

    private mutating func stop(at index: Int) -> [ChatCompletionChunk] {
        guard case .thinking(let text, let signature)? = blocks[index] else { return [] }
        blocks[index] = .ignored
        let whole = AnthropicContentBlock.thinking(AnthropicThinkingBlock(thinking: text, signature: signature))
        let value = (try? JSONValue(encoding: whole)) ?? .null
        return [chunk(ChatDelta(extra: [AnthropicPivotKey.thinkingBlocks: [value]]))]
    }

    // MARK: Message

    private mutating func messageDelta(_ delta: AnthropicMessageDelta) -> [ChatCompletionChunk] {
        if let reported = delta.usage {
            var usage = anthropicUsage ?? AnthropicUsage(inputTokens: 0, outputTokens: 0)
            usage.outputTokens = reported.outputTokens
            if let input = reported.inputTokens { usage.inputTokens = input }
            if let written = reported.cacheCreationInputTokens { usage.cacheCreationInputTokens = written }
            if let read = reported.cacheReadInputTokens { usage.cacheReadInputTokens = read }
            anthropicUsage = usage
        }
        guard let reason = delta.stopReason, !sentFinish else { return [] }
        let finish = FinishReason(anthropic: reason).forJSONMode(jsonMode, toolCount: toolCount)
        finishReason = finish
        sentFinish = true
        return [chunk(ChatDelta(), finishReason: finish)]
    }

    private mutating func usageChunk() -> [ChatCompletionChunk] {
        guard includeUsage, !sentUsage, let usage else { return [] }
        sentUsage = true
        return [.usageOnly(id: id, created: created, model: model, usage: usage)]
    }

    private func chunk(_ delta: ChatDelta, finishReason: FinishReason? = nil) -> ChatCompletionChunk {
        .translated(id: id, created: created, model: model, delta: delta, finishReason: finishReason, includeUsage: includeUsage)
    }
}
