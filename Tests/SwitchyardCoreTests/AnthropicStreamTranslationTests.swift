import Foundation
import Testing

@testable import SwitchyardCore

/// Stream translation both ways: exact event order, incremental output and reassembly.
@Suite struct AnthropicStreamTranslationTests {
    typealias F = AnthropicFixtures

    private static func translate(_ name: String, includeUsage: Bool, jsonMode: Bool = false) throws -> (chunks: [[ChatCompletionChunk]], stream: AnthropicToOpenAIStream) {
        var stream = AnthropicToOpenAIStream(requestedModel: "claude", created: 1_700_000_000, includeUsage: includeUsage, jsonMode: jsonMode)
        var out: [[ChatCompletionChunk]] = []
        for (_, event) in try F.events(name) {
            out.append(try stream.consume(event))
        }
        out.append(stream.finish())
        return (out, stream)
    }

    /// A compact description of a chunk, to assert sequences.
    private static func describe(_ chunk: ChatCompletionChunk) -> String {
        guard let choice = chunk.choices.first else { return chunk.usage == nil ? "empty" : "usage" }
        if let finish = choice.finishReason { return "finish:\(finish.rawValue)" }
        let delta = choice.delta
        if delta.role != nil { return "role" }
        if let calls = delta.toolCalls, let call = calls.first {
            return call.id != nil ? "tool-start:\(call.index)" : "args:\(call.index)"
        }
        if delta.reasoningContent != nil { return "reasoning" }
        if delta.extra["thinking_blocks"] != nil { return "thinking-block" }
        if delta.content != nil { return "content" }
        return "other"
    }

    private static func content(_ chunks: [ChatCompletionChunk]) -> String {
        chunks.compactMap { $0.choices.first?.delta.content }.joined()
    }

    // MARK: Anthropic → OpenAI

    @Test func toolUseTranscriptBecomesChunksInOrder() throws {
        let (perEvent, stream) = try Self.translate("tool_use_stream", includeUsage: false)
        let chunks = perEvent.flatMap { $0 }
        let kinds = chunks.map(Self.describe)
        #expect(kinds == ["role"] + Array(repeating: "content", count: 13) + ["tool-start:0"] + Array(repeating: "args:0", count: 8) + ["finish:tool_calls"])
        #expect(chunks[0].choices[0].delta == ChatDelta(role: .assistant, content: ""))
        #expect(Self.content(chunks) == "Okay, let's check the weather for San Francisco, CA:")
        let start = try #require(chunks[14].choices[0].delta.toolCalls?.first)
        #expect(start == ToolCallDelta(index: 0, id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", type: "function", function: .init(name: "get_weather", arguments: "")))
        let arguments = chunks.compactMap { $0.choices.first?.delta.toolCalls?.first?.function?.arguments }.joined()
        #expect(arguments == #"{"location": "San Francisco, CA", "unit": "fahrenheit"}"#)
        #expect(chunks.allSatisfy { $0.id == "msg_014p7gG3wDgGV9EUtLvnow3U" && $0.model == "claude" && $0.created == 1_700_000_000 })
        #expect(chunks.allSatisfy { !$0.usageIsExplicitNull })
        #expect(stream.usage == Usage(promptTokens: 472, completionTokens: 89))
        #expect(stream.finishReason == .toolCalls)
        // Incremental: each text and argument event yields its chunk at once.
        #expect(perEvent[3].count == 1 && perEvent[2].isEmpty)
    }

    @Test func theUsageChunkComesOnlyWhenAskedFor() throws {
        let (perEvent, _) = try Self.translate("tool_use_stream", includeUsage: true)
        let chunks = perEvent.flatMap { $0 }
        let last = try #require(chunks.last)
        #expect(last.choices.isEmpty)
        #expect(last.usage == Usage(promptTokens: 472, completionTokens: 89))
        #expect(perEvent[perEvent.count - 2] == [last])
        #expect(chunks.dropLast().allSatisfy { $0.usageIsExplicitNull && $0.usage == nil })
        #expect(Self.describe(chunks[chunks.count - 2]) == "finish:tool_calls")
    }

    @Test func finishSendsTheUsageChunkWhenMessageStopNeverCame() throws {
        var stream = AnthropicToOpenAIStream(created: 0, includeUsage: true)
        let events = try F.events("tool_use_stream").map(\.event).dropLast()
        let chunks = try events.flatMap { try stream.consume($0) }
        #expect(chunks.last?.choices.first?.finishReason == .toolCalls)
        let owed = stream.finish()
        #expect(owed.count == 1 && owed[0].usage?.completionTokens == 89)
        #expect(stream.finish().isEmpty)
    }

    @Test func thinkingStreamsAsReasoningAndKeepsTheSignature() throws {
        let (perEvent, stream) = try Self.translate("thinking_stream", includeUsage: false)
        let chunks = perEvent.flatMap { $0 }
        #expect(chunks.map(Self.describe) == ["role", "reasoning", "reasoning", "thinking-block", "content", "finish:stop"])
        let reasoning = chunks.compactMap { $0.choices.first?.delta.reasoningContent }.joined()
        #expect(reasoning.hasPrefix("I need to find the GCD") && reasoning.hasSuffix("= 21"))
        let block = try #require(chunks[3].choices[0].delta.extra["thinking_blocks"]?.arrayValue?.first)
        #expect(block == ["type": "thinking", "thinking": .string(reasoning), "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds..."])
        #expect(Self.content(chunks) == "The greatest common divisor of 1071 and 462 is **21**.")
        #expect(stream.usage == Usage(promptTokens: 38, completionTokens: 1, promptTokensDetails: .init(cachedTokens: 0), extra: ["cache_creation_input_tokens": 0]))
    }

    @Test func anErrorEventThrowsAnUpstreamError() throws {
        var stream = AnthropicToOpenAIStream(created: 0, includeUsage: false)
        _ = try stream.consume(.messageStart(AnthropicMessagesResponse(id: "msg_1", model: "m", content: [], stopReason: nil, usage: .init(inputTokens: 1, outputTokens: 1))))
        #expect(try stream.consume(.ping).isEmpty)
        #expect(try stream.consume(.other(["type": "future_event"])).isEmpty)
        do {
            _ = try stream.consume(.error(AnthropicErrorBody.Detail(type: "overloaded_error", message: "Overloaded")))
            Issue.record("expected a throw")
        } catch {
            #expect(error.status == 529)
            #expect(error.upstreamType == "overloaded_error")
            #expect(error.message == "Overloaded")
        }
    }

    @Test func jsonModeStreamsTheToolInputAsContent() throws {
        var stream = AnthropicToOpenAIStream(created: 0, includeUsage: false, jsonMode: true)
        let events: [AnthropicStreamEvent] = [
            .messageStart(AnthropicMessagesResponse(id: "msg_j", model: "m", content: [], stopReason: nil, usage: .init(inputTokens: 5, outputTokens: 1))),
            .contentBlockStart(index: 0, block: .toolUse(AnthropicToolUseBlock(id: "toolu_j", name: "json_tool_call"))),
            .contentBlockDelta(index: 0, delta: .inputJSON("")),
            .contentBlockDelta(index: 0, delta: .inputJSON(#"{"name": "#)),
            .contentBlockDelta(index: 0, delta: .inputJSON(#""Ada"}"#)),
            .contentBlockStop(index: 0),
            .messageDelta(AnthropicMessageDelta(stopReason: .toolUse, usage: .init(outputTokens: 9))),
            .messageStop,
        ]
        let chunks = try events.flatMap { try stream.consume($0) }
        #expect(chunks.map(Self.describe) == ["role", "content", "content", "finish:stop"])
        #expect(Self.content(chunks) == #"{"name": "Ada"}"#)
    }

    // MARK: OpenAI → Anthropic

    private static func chunk(_ json: String) throws -> ChatCompletionChunk {
        try F.decode(ChatCompletionChunk.self, json)
    }

    /// An OpenAI stream: text, two parallel tool calls, the finish chunk, then the usage chunk.
    static let openAIToolStream = [
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Checking"},"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":" both."},"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_P","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\": \"Pa"}}]},"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ris\"}"}}]},"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_R","type":"function","function":{"name":"get_weather","arguments":"{\"location\": \"Rome\"}"}}]},"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":42,"total_tokens":162,"prompt_tokens_details":{"cached_tokens":100}}}"#,
    ]

    @Test func openAIChunksBecomeAnthropicEventsInOrder() throws {
        var stream = OpenAIToAnthropicStream(requestedModel: "claude-sonnet-4-5")
        let perChunk = try Self.openAIToolStream.map { stream.consume(try Self.chunk($0)) }
        let events = perChunk.flatMap { $0 } + stream.finish()
        #expect(events.map(\.type) == [
            "message_start", "ping",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop",
            "message_delta", "message_stop",
        ])
        guard case .messageStart(let message) = events[0] else {
            Issue.record("expected message_start")
            return
        }
        #expect(message.id == "msg_123")
        #expect(message.model == "claude-sonnet-4-5")
        #expect(message.content.isEmpty && message.stopReason == nil)
        #expect(events[2] == .contentBlockStart(index: 0, block: .text("")))
        #expect(events[6] == .contentBlockStart(index: 1, block: .toolUse(AnthropicToolUseBlock(id: "call_P", name: "get_weather"))))
        #expect(events[10] == .contentBlockStart(index: 2, block: .toolUse(AnthropicToolUseBlock(id: "call_R", name: "get_weather"))))
        var text = ""
        var inputs: [Int: String] = [:]
        for case .contentBlockDelta(let index, let delta) in events {
            switch delta {
            case .text(let piece): text += piece
            case .inputJSON(let piece): inputs[index, default: ""] += piece
            default: Issue.record("unexpected delta \(delta)")
            }
        }
        #expect(text == "Checking both.")
        #expect(inputs == [1: #"{"location": "Paris"}"#, 2: #"{"location": "Rome"}"#])
        // message_delta waits for the usage chunk that follows the finish chunk.
        #expect(perChunk[7].map(\.type) == ["content_block_stop"])
        #expect(perChunk[8].map(\.type) == ["message_delta", "message_stop"])
        #expect(events[13] == .messageDelta(AnthropicMessageDelta(
            stopReason: .toolUse,
            usage: AnthropicMessageDeltaUsage(outputTokens: 42, inputTokens: 20, cacheReadInputTokens: 100)
        )))
        #expect(stream.usage == AnthropicUsage(inputTokens: 20, outputTokens: 42, cacheReadInputTokens: 100))
        #expect(try F.wire(events[13])["delta"] == ["stop_reason": "tool_use", "stop_sequence": nil])
    }

    @Test func finishFlushesTheHeldMessageDeltaWhenNoUsageChunkCame() throws {
        var stream = OpenAIToAnthropicStream(estimatedInputTokens: 11)
        var events: [AnthropicStreamEvent] = []
        for json in Self.openAIToolStream.prefix(3) + [Self.openAIToolStream[7]] {
            events += stream.consume(try Self.chunk(json))
        }
        #expect(events.last == .contentBlockStop(index: 0))
        guard case .messageStart(let message) = events[0] else {
            Issue.record("expected message_start")
            return
        }
        #expect(message.usage == AnthropicUsage(inputTokens: 11, outputTokens: 0))
        let owed = stream.finish()
        #expect(owed == [.messageDelta(AnthropicMessageDelta(stopReason: .toolUse, usage: .init(outputTokens: 0, inputTokens: 11))), .messageStop])
        #expect(stream.finish().isEmpty)
        #expect(stream.consume(try Self.chunk(Self.openAIToolStream[8])).isEmpty)
    }

    @Test func usageOnTheFinishChunkEndsTheMessageAtOnce() throws {
        var stream = OpenAIToAnthropicStream()
        _ = stream.consume(try Self.chunk(Self.openAIToolStream[1]))
        let end = stream.consume(try Self.chunk(#"{"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"length"}],"usage":{"prompt_tokens":3,"completion_tokens":8,"total_tokens":11}}"#))
        #expect(end.map(\.type) == ["content_block_stop", "message_delta", "message_stop"])
        if case .messageDelta(let delta) = end[1] {
            #expect(delta.stopReason == .maxTokens)
            #expect(delta.usage?.outputTokens == 8)
        }
    }

    @Test func reasoningBecomesAThinkingBlockBeforeTheText() throws {
        var stream = OpenAIToAnthropicStream()
        let chunks = [
            #"{"id":"c","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":"Let me"},"finish_reason":null}]}"#,
            #"{"id":"c","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"reasoning_content":" think."},"finish_reason":null}]}"#,
            #"{"id":"c","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":"42"},"finish_reason":"stop"}]}"#,
        ]
        let events = try chunks.flatMap { stream.consume(try Self.chunk($0)) } + stream.finish()
        #expect(events.map(\.type) == [
            "message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
        ])
        #expect(events[2] == .contentBlockStart(index: 0, block: .thinking(AnthropicThinkingBlock(thinking: "", signature: ""))))
        #expect(events[4] == .contentBlockDelta(index: 0, delta: .thinking(" think.")))
        #expect(events[7] == .contentBlockDelta(index: 1, delta: .text("42")))
    }

    @Test func nothingIsOwedForAnEmptyStream() {
        var stream = OpenAIToAnthropicStream()
        #expect(stream.finish().isEmpty)
    }

    // MARK: Both ways

    @Test(arguments: ["tool_use_stream", "thinking_stream"])
    func anthropicToOpenAIToAnthropicKeepsBlocksAndContent(name: String) throws {
        let original = try F.events(name).map(\.event)
        var toOpenAI = AnthropicToOpenAIStream(created: 0, includeUsage: true)
        var back = OpenAIToAnthropicStream()
        var events: [AnthropicStreamEvent] = []
        for event in original {
            for chunk in try toOpenAI.consume(event) {
                events += back.consume(chunk)
            }
        }
        for chunk in toOpenAI.finish() { events += back.consume(chunk) }
        events += back.finish()

        func blocks(_ events: [AnthropicStreamEvent]) -> [String] {
            events.compactMap { if case .contentBlockStart(let index, let block) = $0 { "\(index):\(block.type)" } else { nil } }
        }
        func assembled(_ events: [AnthropicStreamEvent]) -> [Int: String] {
            var out: [Int: String] = [:]
            for case .contentBlockDelta(let index, let delta) in events {
                switch delta {
                case .text(let piece), .inputJSON(let piece), .thinking(let piece), .signature(let piece): out[index, default: ""] += piece
                default: break
                }
            }
            return out
        }
        let withoutPing = { (events: [AnthropicStreamEvent]) in events.filter { $0 != .ping }.map(\.type) }
        #expect(blocks(events) == blocks(original))
        #expect(assembled(events) == assembled(original))
        #expect(withoutPing(events).filter { $0 != "content_block_delta" } == withoutPing(original).filter { $0 != "content_block_delta" })
        if case .messageDelta(let theirs)? = original.first(where: { $0.type == "message_delta" }),
            case .messageDelta(let ours)? = events.first(where: { $0.type == "message_delta" })
        {
            #expect(ours.stopReason == theirs.stopReason)
        }
    }

    @Test func translatedEventsEncodeAsAnthropicSSE() throws {
        var stream = OpenAIToAnthropicStream(requestedModel: "claude")
        var bytes: [UInt8] = []
        for json in Self.openAIToolStream {
            for event in stream.consume(try Self.chunk(json)) {
                bytes += try event.sseEncoded()
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let frames = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(frames.count == 15)
        #expect(frames.first?.hasPrefix("event: message_start\ndata: {") == true)
        #expect(frames.last == "event: message_stop\ndata: {\"type\":\"message_stop\"}")
        for frame in frames {
            let lines = frame.split(separator: "\n")
            #expect(lines.count == 2)
            let event = try F.decode(AnthropicStreamEvent.self, String(lines[1].dropFirst(6)))
            #expect("event: \(event.type)" == lines[0])
        }
    }
}
