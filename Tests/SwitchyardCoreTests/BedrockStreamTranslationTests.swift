import NIOCore
import Testing

@testable import SwitchyardCore

@Suite("Bedrock ConverseStream → OpenAI chunks")
struct BedrockStreamTranslationTests {
    /// A ConverseStream answer with reasoning, text and two parallel tool calls, built from the
    /// event shapes in Bedrock Runtime's service model (botocore's `bedrock-runtime` JSON),
    /// with the random `"p"` padding Bedrock adds to every event.
    static let recorded: [AWSEventStreamMessage] = [
        BedrockTestSupport.event("messageStart", #"{"p":"abcdefghijklmnopqrstu","role":"assistant"}"#),
        BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"The user wants"}},"p":"abcdef"}"#),
        BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":" weather."}},"p":"abcdefghij"}"#),
        BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"reasoningContent":{"signature":"EqQBCkgIARAB"}},"p":"ab"}"#),
        BedrockTestSupport.event("contentBlockStop", #"{"contentBlockIndex":0,"p":"abcdefghijklmnopqrstuvwxy"}"#),
        BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":1,"delta":{"text":"Let me check"},"p":"abcd"}"#),
        BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":1,"delta":{"text":" both cities."},"p":"abcdefghijklmn"}"#),
        BedrockTestSupport.event("contentBlockStop", #"{"contentBlockIndex":1,"p":"abc"}"#),
        BedrockTestSupport.event("contentBlockStart", #"{"contentBlockIndex":2,"p":"abcdefgh","start":{"toolUse":{"name":"get_weather","toolUseId":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q"}}}"#),
        BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":2,"delta":{"toolUse":{"input":"{\"city\": \"Pa"}},"p":"abcdefghijklmnopq"}"#),
        BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":2,"delta":{"toolUse":{"input":"ris\"}"}},"p":"a"}"#),
        BedrockTestSupport.event("contentBlockStop", #"{"contentBlockIndex":2,"p":"abcdefghijk"}"#),
        BedrockTestSupport.event("contentBlockStart", #"{"contentBlockIndex":3,"p":"abcde","start":{"toolUse":{"name":"get_weather","toolUseId":"tooluse_2"}}}"#),
        BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":3,"delta":{"toolUse":{"input":"{\"city\":\"Oslo\"}"}},"p":"abcdefg"}"#),
        BedrockTestSupport.event("contentBlockStop", #"{"contentBlockIndex":3,"p":"abcdefghijklmnopqrs"}"#),
        BedrockTestSupport.event("messageStop", #"{"p":"abcdefghijklmnopqrstuvwxyzABCDEF","stopReason":"tool_use"}"#),
        BedrockTestSupport.event("metadata", #"{"metrics":{"latencyMs":1234},"p":"abcdefghijklm","usage":{"cacheReadInputTokens":100,"inputTokens":412,"outputTokens":96,"totalTokens":608}}"#),
    ]

    static let head = #"{"choices":[{"delta":"#
    static func line(_ delta: String, finish: String = "null") -> String {
        #"{"choices":[{"delta":\#(delta),"finish_reason":\#(finish),"index":0,"logprobs":null}],"created":1719835200,"id":"chatcmpl-bedrock","model":"claude","object":"chat.completion.chunk","usage":null}"#
    }

    static let expected: [String] = [
        line(#"{"content":"","role":"assistant"}"#),
        line(#"{"reasoning_content":"The user wants"}"#),
        line(#"{"reasoning_content":" weather."}"#),
        line(#"{"thinking_blocks":[{"signature":"EqQBCkgIARAB","thinking":"The user wants weather.","type":"thinking"}]}"#),
        line(#"{"content":"Let me check"}"#),
        line(#"{"content":" both cities."}"#),
        line(#"{"tool_calls":[{"function":{"arguments":"","name":"get_weather"},"id":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q","index":0,"type":"function"}]}"#),
        line(#"{"tool_calls":[{"function":{"arguments":"{\"city\": \"Pa"},"index":0}]}"#),
        line(#"{"tool_calls":[{"function":{"arguments":"ris\"}"},"index":0}]}"#),
        line(#"{"tool_calls":[{"function":{"arguments":"","name":"get_weather"},"id":"tooluse_2","index":1,"type":"function"}]}"#),
        line(#"{"tool_calls":[{"function":{"arguments":"{\"city\":\"Oslo\"}"},"index":1}]}"#),
        line("{}", finish: #""tool_calls""#),
        #"{"choices":[],"created":1719835200,"id":"chatcmpl-bedrock","model":"claude","object":"chat.completion.chunk","usage":{"completion_tokens":96,"prompt_tokens":512,"prompt_tokens_details":{"cached_tokens":100},"total_tokens":608}}"#,
    ]

    static func translator(includeUsage: Bool = true, jsonMode: Bool = false) -> BedrockToOpenAIStream {
        BedrockToOpenAIStream(id: "chatcmpl-bedrock", model: "claude", created: 1_719_835_200, includeUsage: includeUsage, jsonMode: jsonMode)
    }

    /// Decodes `bytes` fed `size` bytes at a time and translates every message.
    static func translate(_ bytes: [UInt8], chunkSize size: Int, into stream: inout BedrockToOpenAIStream) throws -> [ChatCompletionChunk] {
        var decoder = AWSEventStreamDecoder()
        var chunks: [ChatCompletionChunk] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            for message in try decoder.feed(bytes[offset..<end]) {
                chunks += try stream.consume(message: message)
            }
            offset = end
        }
        try decoder.finish()
        return chunks
    }

    /// Every size up to 32 bytes and some larger ones; the decoder's own tests cover every
    /// size of the framing (translating at all ~1,700 sizes takes seconds in debug builds).
    @Test("a recorded stream gives the exact chunk sequence whatever the chunking")
    func recordedStream() throws {
        let bytes = Self.recorded.flatMap { $0.encoded() }
        var reference: [ChatCompletionChunk] = []
        for size in [bytes.count, 1000, 257, 100, 50] + Array((1...32).reversed()) {
            var stream = Self.translator()
            let chunks = try Self.translate(bytes, chunkSize: size, into: &stream)
            if reference.isEmpty {
                reference = chunks
                #expect(chunks.map(BedrockTestSupport.json) == Self.expected)
                #expect(stream.finishReason == .toolCalls)
                #expect(stream.usage == Usage(promptTokens: 512, completionTokens: 96, promptTokensDetails: .init(cachedTokens: 100)))
            } else {
                #expect(chunks == reference, "chunk size \(size)")
            }
        }
    }

    @Test("raw body bytes in small pieces give the same chunks; an early end is an error")
    func rawBytes() throws {
        let bytes = Self.recorded.flatMap { $0.encoded() }
        var stream = Self.translator()
        var chunks: [ChatCompletionChunk] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + 5, bytes.count)
            chunks += try stream.consume(bytes: ByteBuffer(bytes: bytes[offset..<end]))
            offset = end
        }
        #expect(try stream.finish().isEmpty)
        #expect(chunks.map(BedrockTestSupport.json) == Self.expected)

        var cut = Self.translator()
        _ = try cut.consume(bytes: ByteBuffer(bytes: bytes.prefix(bytes.count / 2)))
        #expect(throws: GatewayError.self) { try cut.finish() }
        var corrupt = Self.translator()
        var damaged = bytes
        damaged[20] ^= 0x40
        #expect(throws: GatewayError.self) { try corrupt.consume(bytes: ByteBuffer(bytes: damaged)) }
    }

    @Test("the chunks reassemble into the text, reasoning and arguments")
    func reassembled() throws {
        var stream = Self.translator()
        let chunks = try Self.recorded.flatMap { message throws in try stream.consume(message: message) }
        let deltas = chunks.flatMap(\.choices).map(\.delta)
        #expect(deltas.compactMap(\.content).joined() == "Let me check both cities.")
        #expect(deltas.compactMap(\.reasoningContent).joined() == "The user wants weather.")
        var arguments: [Int: String] = [:]
        var names: [Int: String] = [:]
        for call in deltas.flatMap({ $0.toolCalls ?? [] }) {
            arguments[call.index, default: ""] += call.function?.arguments ?? ""
            if let name = call.function?.name { names[call.index] = name }
        }
        #expect(arguments == [0: #"{"city": "Paris"}"#, 1: #"{"city":"Oslo"}"#])
        #expect(names == [0: "get_weather", 1: "get_weather"])
    }

    @Test("without include_usage there is no usage chunk and no usage: null, but usage is known")
    func withoutUsage() throws {
        var stream = Self.translator(includeUsage: false)
        let chunks = try Self.recorded.flatMap { message throws in try stream.consume(message: message) }
        #expect(chunks.count == Self.expected.count - 1)
        #expect(chunks.allSatisfy { !$0.usageIsExplicitNull && $0.usage == nil && !$0.choices.isEmpty })
        #expect(stream.usage?.totalTokens == 608)
    }

    @Test("in JSON mode the json_tool_call input streams as content and ends with stop")
    func jsonMode() throws {
        let events = [
            BedrockTestSupport.event("messageStart", #"{"role":"assistant"}"#),
            BedrockTestSupport.event("contentBlockStart", #"{"contentBlockIndex":0,"start":{"toolUse":{"name":"json_tool_call","toolUseId":"t"}}}"#),
            BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\"name\":"}}}"#),
            BedrockTestSupport.event("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"toolUse":{"input":"\"Ada\"}"}}}"#),
            BedrockTestSupport.event("contentBlockStop", #"{"contentBlockIndex":0}"#),
            BedrockTestSupport.event("messageStop", #"{"stopReason":"tool_use"}"#),
        ]
        var stream = Self.translator(includeUsage: false, jsonMode: true)
        let chunks = try events.flatMap { message throws in try stream.consume(message: message) }
        let deltas = chunks.flatMap(\.choices)
        #expect(deltas.compactMap(\.delta.content).joined() == #"{"name":"Ada"}"#)
        #expect(deltas.allSatisfy { $0.delta.toolCalls == nil })
        #expect(deltas.last?.finishReason == .stop)
    }

    @Test("an exception event throws the Bedrock error with its status", arguments: [
        ("throttlingException", 429),
        ("modelStreamErrorException", 424),
        ("validationException", 400),
        ("internalServerException", 500),
        ("serviceUnavailableException", 503),
        ("somethingNewException", 502),
    ])
    func exception(type: String, status: Int) throws {
        var stream = Self.translator()
        _ = try stream.consume(message: Self.recorded[0])
        do {
            _ = try stream.consume(message: BedrockTestSupport.exception(type, "Too many tokens, please wait."))
            Issue.record("expected an error")
        } catch {
            #expect(error.status == status)
            #expect(error.message == "Too many tokens, please wait.")
            #expect(error.upstreamType == type)
        }
    }

    @Test("a malformed event is a 502; unknown events are skipped")
    func malformedAndUnknown() throws {
        var stream = Self.translator()
        #expect(try stream.consume(message: BedrockTestSupport.event("somethingNew", "{}")).isEmpty)
        #expect(throws: GatewayError.self) {
            try stream.consume(message: BedrockTestSupport.event("contentBlockDelta", #"{"delta":{"text":"x"}}"#))
        }
        do {
            _ = try stream.consume(message: BedrockTestSupport.event("messageStop", "not json"))
        } catch {
            #expect(error.status == 502)
        }
    }
}
