/// Turns a ConverseStream answer into OpenAI chat completion chunks, one event at a time.
///
/// Create one per stream and feed it every event in order; each call returns the chunks to
/// send at once (nothing is held back to the end):
/// - `messageStart` → a chunk with `role: assistant` and `content: ""`;
/// - a text delta → `content`; a reasoning text delta → `reasoning_content`; when a reasoning
///   block stops, one chunk carries the whole block (with its signature) in `thinking_blocks`;
/// - a `toolUse` block start → a `tool_calls` delta with `index` (0-based count of tool
///   blocks), `id`, `type: function`, `name` and `arguments: ""`; its input deltas →
///   `arguments` pieces;
/// - `messageStop` → a chunk with the mapped `finish_reason` and an empty delta;
/// - `metadata` → a usage chunk (no choices) only when `includeUsage`; `usage` always has it;
/// - an exception event throws a `GatewayError` for the caller to send as an in-stream error;
///   unknown events give nothing.
///
/// In `jsonMode` the `json_tool_call` block's input streams as `content` and the answer ends
/// with `stop`. `consume(bytes:)` takes the raw response body instead of decoded events.
public struct BedrockToOpenAIStream: Sendable {
    /// The chunk id, the same on every chunk (Converse has none of its own).
    public let id: String
    public let model: String
    /// Unix seconds written on every chunk.
    public let created: Int
    public let includeUsage: Bool
    public let jsonMode: Bool
    /// The finish reason, once `messageStop` gave it.
    public private(set) var finishReason: FinishReason?
    /// Token counts, once `metadata` gave them.
    public private(set) var usage: Usage?

    private enum Block: Sendable {
        case text
        /// A tool block and its OpenAI tool-call index.
        case tool(Int)
        case jsonTool
        case reasoning(text: String, signature: String?)
        case ignored
    }

    var decoder = AWSEventStreamDecoder()
    private var blocks: [Int: Block] = [:]
    private var toolCount = 0
    private var sentUsage = false

    public init(id: String, model: String, created: Int, includeUsage: Bool, jsonMode: Bool = false) {
        self.id = id
        self.model = model
        self.created = created
        self.includeUsage = includeUsage
        self.jsonMode = jsonMode
    }

    /// The chunks for one event-stream message of a ConverseStream answer.
    public mutating func consume(message: AWSEventStreamMessage) throws(GatewayError) -> [ChatCompletionChunk] {
        try consume(BedrockStreamEvent(message: message))
    }

    /// The chunks for one ConverseStream event.
    public mutating func consume(_ event: BedrockStreamEvent) throws(GatewayError) -> [ChatCompletionChunk] {
        switch event {
        case .messageStart:
            return [chunk(ChatDelta(role: .assistant, content: ""))]
        case .contentBlockStart(let index, let start):
            return self.start(start, at: index)
        case .contentBlockDelta(let index, let delta):
            return apply(delta, at: index)
        case .contentBlockStop(let index):
            return stop(at: index)
        case .messageStop(let reason, _):
            return messageStop(reason)
        case .metadata(let reported, _):
            if let reported { usage = Usage(bedrock: reported) }
            return usageChunk()
        case .exception(let type, let message):
            throw GatewayError(bedrockException: type, message: message)
        case .unknown:
            return []
        }
    }

    // MARK: Blocks

    private mutating func start(_ start: BedrockContentBlockStart, at index: Int) -> [ChatCompletionChunk] {
        switch start {
        case .toolUse(_, let name) where jsonMode && name == BedrockConverseRequest.jsonResponseToolName:
            blocks[index] = .jsonTool
            return []
        case .toolUse(let id, let name):
            blocks[index] = .tool(toolCount)
            let call = ToolCallDelta(index: toolCount, id: id, type: "function", function: .init(name: name, arguments: ""))
            toolCount += 1
            return [chunk(ChatDelta(toolCalls: [call]))]
        case .other:
            blocks[index] = .ignored
            return []
        }
    }

    private mutating func apply(_ delta: BedrockContentBlockDelta, at index: Int) -> [ChatCompletionChunk] {
        switch (blocks[index], delta) {
        case (nil, .text(let text)), (.text?, .text(let text)):
            blocks[index] = .text
            return text.isEmpty ? [] : [chunk(ChatDelta(content: text))]
        case (.jsonTool?, .toolUseInput(let piece)) where !piece.isEmpty:
            return [chunk(ChatDelta(content: piece))]
        case (.tool(let toolIndex)?, .toolUseInput(let piece)) where !piece.isEmpty:
            return [chunk(ChatDelta(toolCalls: [ToolCallDelta(index: toolIndex, function: .init(arguments: piece))]))]
        case (nil, .reasoningText(let piece)):
            blocks[index] = .reasoning(text: piece, signature: nil)
            return piece.isEmpty ? [] : [chunk(ChatDelta(reasoningContent: piece))]
        case (.reasoning(let text, let signature)?, .reasoningText(let piece)):
            blocks[index] = .reasoning(text: text + piece, signature: signature)
            return piece.isEmpty ? [] : [chunk(ChatDelta(reasoningContent: piece))]
        case (nil, .reasoningSignature(let signature)):
            blocks[index] = .reasoning(text: "", signature: signature)
            return []
        case (.reasoning(let text, _)?, .reasoningSignature(let signature)):
            blocks[index] = .reasoning(text: text, signature: signature)
            return []
        case (_, .reasoningRedacted(let data)):
            blocks[index] = .ignored
            return [chunk(ChatDelta(extra: ["thinking_blocks": [["type": "redacted_thinking", "data": .string(data)]]]))]
        default:
            return []
        }
    }

    private mutating func stop(at index: Int) -> [ChatCompletionChunk] {
        guard case .reasoning(let text, let signature)? = blocks[index] else { return [] }
        blocks[index] = .ignored
        let whole = ChatCompletionResponse.bedrockThinkingBlock(text: text, signature: signature)
        return [chunk(ChatDelta(extra: ["thinking_blocks": [whole]]))]
    }

    // MARK: Message

    private mutating func messageStop(_ reason: BedrockStopReason) -> [ChatCompletionChunk] {
        guard finishReason == nil else { return [] }
        let finish = FinishReason(bedrock: reason).forJSONMode(jsonMode, toolCount: toolCount)
        finishReason = finish
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
