import Foundation
import Testing

@testable import SwitchyardCore

/// Stream translators fed whole recorded transcripts, decoded by the gateway's SSE splitter at
/// every chunk size: exact chunk order, reassembled text and arguments, usage placement.
@Suite struct GeminiStreamTranslationTests {
    typealias J = GeminiTestJSON

    /// A recorded `streamGenerateContent?alt=sse` answer (gemini-3.1-flash-lite-preview): no
    /// `index`, the signature on a final empty text part, usage complete only at the end.
    static let textStream = """
        data: {"candidates": [{"content": {"role": "model","parts": [{"text": "Hello!"}]}}],"usageMetadata": {"trafficType": "ON_DEMAND"},"modelVersion": "gemini-3.1-flash-lite-preview","createTime": "2026-03-10T14:54:45.066123Z","responseId": "tTCwacuEBMvnitYP06qsgQY"}\r
        \r
        data: {"candidates": [{"content": {"role": "model","parts": [{"text": " How can I help you today"}]}}],"usageMetadata": {"trafficType": "ON_DEMAND"},"modelVersion": "gemini-3.1-flash-lite-preview","createTime": "2026-03-10T14:54:45.066123Z","responseId": "tTCwacuEBMvnitYP06qsgQY"}\r
        \r
        data: {"candidates": [{"content": {"role": "model","parts": [{"text": "?"}]}}],"usageMetadata": {"trafficType": "ON_DEMAND"},"modelVersion": "gemini-3.1-flash-lite-preview","createTime": "2026-03-10T14:54:45.066123Z","responseId": "tTCwacuEBMvnitYP06qsgQY"}\r
        \r
        data: {"candidates": [{"content": {"role": "model","parts": [{"text": "","thoughtSignature": "AY89a18iOcFus5wr5bW5xN6zZ4aUiCyhgmg6HE2YjtYDV/dwZ5oZlZHeTmiUKv34qq0="}]},"finishReason": "STOP"}],"usageMetadata": {"promptTokenCount": 1,"candidatesTokenCount": 9,"totalTokenCount": 10,"trafficType": "ON_DEMAND","promptTokensDetails": [{"modality": "TEXT","tokenCount": 1}],"candidatesTokensDetails": [{"modality": "TEXT","tokenCount": 9}]},"modelVersion": "gemini-3.1-flash-lite-preview","createTime": "2026-03-10T14:54:45.066123Z","responseId": "tTCwacuEBMvnitYP06qsgQY"}\r
        \r

        """

    /// A thinking model streaming a thought summary, text, then two parallel calls at once.
    static let callStream = """
        data: {"candidates": [{"content": {"parts": [{"text": "**Checking both cities**", "thought": true}], "role": "model"}, "index": 0}], "usageMetadata": {"promptTokenCount": 30, "totalTokenCount": 30}, "modelVersion": "gemini-2.5-flash", "responseId": "resp-77"}

        data: {"candidates": [{"content": {"parts": [{"text": "Let me look."}], "role": "model"}, "index": 0}], "modelVersion": "gemini-2.5-flash", "responseId": "resp-77"}

        data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "c2lnLUE="}, {"functionCall": {"name": "get_weather", "args": {"city": "Rome"}}}], "role": "model"}, "finishReason": "STOP", "index": 0}], "usageMetadata": {"promptTokenCount": 30, "candidatesTokenCount": 12, "thoughtsTokenCount": 40, "totalTokenCount": 82}, "modelVersion": "gemini-2.5-flash", "responseId": "resp-77"}


        """

    /// Decodes an SSE transcript fed `size` bytes at a time, as the gateway reads upstream bodies.
    static func decode<T: Decodable>(_ type: T.Type, _ transcript: String, size: Int) throws -> [T] {
        let bytes = Array(transcript.utf8)
        var splitter = SSEEventSplitter()
        var pending: [UInt8] = []
        var events: [T] = []
        var offset = 0
        while offset < bytes.count {
            let piece = Array(bytes[offset..<min(offset + size, bytes.count)])
            offset += size
            let start = pending.count
            pending += piece
            let ends = piece.withUnsafeBytes { splitter.boundaries(in: $0) }.map { $0 + start }
            var consumed = 0
            for end in ends {
                let event = Array(pending[consumed..<end])
                consumed = end
                guard let payload = event.withUnsafeBytes({ SSEData.payload(of: $0) }), payload != Array("[DONE]".utf8) else {
                    continue
                }
                events.append(try JSONDecoder().decode(type, from: Data(payload)))
            }
            pending.removeFirst(consumed)
        }
        return events
    }

    static func translate(_ transcript: String, size: Int, includeUsage: Bool) throws -> ([ChatCompletionChunk], GeminiToOpenAIStream) {
        var stream = GeminiToOpenAIStream(id: "chatcmpl-s", model: "my-gemini", created: 42, includeUsage: includeUsage)
        var chunks: [ChatCompletionChunk] = []
        for event in try decode(GeminiGenerateContentResponse.self, transcript, size: size) {
            chunks += try stream.translate(event)
        }
        chunks += stream.finish()
        return (chunks, stream)
    }

    static func sizes(_ transcript: String) -> [Int] {
        [1, 2, 3, 7, 16, 64, 500, transcript.utf8.count]
    }

    // MARK: Gemini provider → OpenAI client

    @Test func textStreamBecomesOpenAIChunksAtEveryChunkSize() throws {
        let signature: [String: JSONValue] = [
            "extra_content": ["google": ["thought_signature": "AY89a18iOcFus5wr5bW5xN6zZ4aUiCyhgmg6HE2YjtYDV/dwZ5oZlZHeTmiUKv34qq0="]]
        ]
        let expected: [ChunkChoice?] = [
            ChunkChoice(index: 0, delta: ChatDelta(role: .assistant, content: "")),
            ChunkChoice(index: 0, delta: ChatDelta(content: "Hello!")),
            ChunkChoice(index: 0, delta: ChatDelta(content: " How can I help you today")),
            ChunkChoice(index: 0, delta: ChatDelta(content: "?")),
            ChunkChoice(index: 0, delta: ChatDelta(content: "", extra: signature)),
            ChunkChoice(index: 0, delta: ChatDelta(), finishReason: .stop),
            nil,
        ]
        for size in Self.sizes(Self.textStream) {
            let (chunks, stream) = try Self.translate(Self.textStream, size: size, includeUsage: true)
            #expect(chunks.map(\.choices.first) == expected, "chunk size \(size)")
            #expect(chunks.allSatisfy { $0.id == "chatcmpl-s" && $0.model == "my-gemini" && $0.created == 42 })
            #expect(chunks.dropLast().allSatisfy { $0.usage == nil && $0.usageIsExplicitNull })
            #expect(chunks.last?.choices == [])
            #expect(chunks.last?.usage == Usage(promptTokens: 1, completionTokens: 9, totalTokens: 10))
            #expect(stream.usage == chunks.last?.usage)
            let text = chunks.compactMap { $0.choices.first?.delta.content }.joined()
            #expect(text == "Hello! How can I help you today?")
        }
    }

    @Test func usageChunkOnlyWhenAskedButUsageAlwaysExposed() throws {
        let (chunks, stream) = try Self.translate(Self.textStream, size: 64, includeUsage: false)
        #expect(chunks.count == 6)
        #expect(chunks.allSatisfy { !$0.usageIsExplicitNull && $0.usage == nil && $0.choices.count == 1 })
        #expect(stream.usage?.totalTokens == 10)
        let wire = try J.wire(chunks[1])
        #expect(wire["usage"] == nil)
        #expect(wire["choices"]?.arrayValue?.first?["finish_reason"] == .null)
    }

    @Test func callStreamBecomesWholeToolCallDeltas() throws {
        for size in Self.sizes(Self.callStream) {
            let (chunks, _) = try Self.translate(Self.callStream, size: size, includeUsage: true)
            let deltas = chunks.compactMap { $0.choices.first?.delta }
            #expect(chunks.count == 7, "chunk size \(size)")
            #expect(deltas[0] == ChatDelta(role: .assistant, content: ""))
            #expect(deltas[1] == ChatDelta(reasoningContent: "**Checking both cities**"))
            #expect(deltas[2] == ChatDelta(content: "Let me look."))
            let first = try #require(deltas[3].toolCalls?.first)
            let second = try #require(deltas[4].toolCalls?.first)
            #expect(first.index == 0)
            #expect(second.index == 1)
            #expect(first.type == "function")
            #expect(first.function == ToolCallDelta.Function(name: "get_weather", arguments: #"{"city":"Paris"}"#))
            #expect(second.function == ToolCallDelta.Function(name: "get_weather", arguments: #"{"city":"Rome"}"#))
            #expect(first.extra["extra_content"]?["google"]?["thought_signature"] == "c2lnLUE=")
            #expect(second.extra.isEmpty)
            #expect(chunks[5].choices.first?.finishReason == .toolCalls)
            #expect(chunks[6].usage == Usage(promptTokens: 30, completionTokens: 52, totalTokens: 82, completionTokensDetails: .init(reasoningTokens: 40)))

            // The same ids as the whole response would get.
            let events = try Self.decode(GeminiGenerateContentResponse.self, Self.callStream, size: size)
            let whole = GeminiGenerateContentResponse(
                candidates: [GeminiCandidate(content: GeminiContent(role: .model, parts: events.flatMap { $0.candidates?.first?.content?.parts ?? [] }), finishReason: .stop, index: 0)],
                responseId: "resp-77"
            )
            let ids = ChatCompletionResponse(gemini: whole, requestedModel: "m", id: "chatcmpl-s", created: 0).choices[0].message.toolCalls?.map(\.id)
            #expect([first.id, second.id].compactMap { $0 } == ids)
        }
    }

    @Test func aBlockedPromptStreamsOneContentFilterChoice() throws {
        var stream = GeminiToOpenAIStream(id: "c", model: "m", created: 0, includeUsage: false)
        let chunks = try stream.translate(GeminiGenerateContentResponse(promptFeedback: GeminiPromptFeedback(blockReason: "SAFETY")))
        #expect(chunks.map(\.choices) == [
            [ChunkChoice(index: 0, delta: ChatDelta(role: .assistant, content: ""))],
            [ChunkChoice(index: 0, delta: ChatDelta(), finishReason: .contentFilter)],
        ])
        #expect(stream.finish().isEmpty)
    }

    @Test func anErrorEventInTheStreamIsThrown() throws {
        let transcript = Self.textStream.components(separatedBy: "\r\n\r\n")[0] + "\r\n\r\n"
            + #"data: {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}"# + "\r\n\r\n"
        let events = try Self.decode(GeminiGenerateContentResponse.self, transcript, size: 5)
        #expect(events.count == 2)
        #expect(events[0].streamError == nil)
        var stream = GeminiToOpenAIStream(id: "c", model: "m", created: 0, includeUsage: false)
        #expect(try stream.translate(events[0]).count == 2)
        #expect(throws: GatewayError(.upstream(status: 503), "The model is overloaded. Please try again later.", code: "UNAVAILABLE")) {
            try stream.translate(events[1])
        }
    }

    @Test func candidatesStreamAsSeparateChoices() throws {
        var stream = GeminiToOpenAIStream(id: "c", model: "m", created: 0, includeUsage: false)
        let chunk = GeminiGenerateContentResponse(candidates: [
            GeminiCandidate(content: GeminiContent(role: .model, parts: [GeminiPart(text: "a")]), index: 0),
            GeminiCandidate(content: GeminiContent(role: .model, parts: [GeminiPart(text: "b")]), finishReason: .maxTokens, index: 1),
        ])
        let chunks = try stream.translate(chunk)
        #expect(chunks.map { $0.choices.first?.index } == [0, 0, 1, 1, 1])
        #expect(chunks.last?.choices.first?.finishReason == .length)
    }

    // MARK: OpenAI provider → Gemini client

    /// An OpenAI stream with text, two tool calls streamed in fragments, and the usage chunk
    /// after the finish chunk (`stream_options.include_usage`).
    static let openAIStream = #"""
        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"reasoning_content":"Both cities."},"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"content":"Checking"},"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"content":" now."},"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_P","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]},"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_R","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Rome\"}"}}]},"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\": \"Paris\"}"}}]},"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null}

        data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[],"usage":{"prompt_tokens":25,"completion_tokens":18,"total_tokens":43,"completion_tokens_details":{"reasoning_tokens":6}}}

        data: [DONE]


        """#

    static func gemini(_ transcript: String, size: Int) throws -> ([[GeminiGenerateContentResponse]], OpenAIToGeminiStream) {
        var stream = OpenAIToGeminiStream(model: "gpt-4.1", responseId: "resp-1")
        var batches: [[GeminiGenerateContentResponse]] = []
        for chunk in try decode(ChatCompletionChunk.self, transcript, size: size) {
            batches.append(stream.translate(chunk))
        }
        batches.append(stream.finish())
        return (batches, stream)
    }

    @Test func openAIStreamBecomesGeminiChunksAtEveryChunkSize() throws {
        let final = GeminiGenerateContentResponse(
            candidates: [
                GeminiCandidate(
                    content: GeminiContent(role: .model, parts: [
                        GeminiPart(functionCall: GeminiFunctionCall(id: "call_P", name: "get_weather", args: ["city": "Paris"])),
                        GeminiPart(functionCall: GeminiFunctionCall(id: "call_R", name: "get_weather", args: ["city": "Rome"])),
                    ]),
                    finishReason: .stop,
                    index: 0
                )
            ],
            usageMetadata: GeminiUsageMetadata(promptTokenCount: 25, candidatesTokenCount: 12, totalTokenCount: 43, thoughtsTokenCount: 6),
            modelVersion: "gpt-4.1",
            responseId: "resp-1"
        )
        func text(_ part: GeminiPart) -> GeminiGenerateContentResponse {
            GeminiGenerateContentResponse(
                candidates: [GeminiCandidate(content: GeminiContent(role: .model, parts: [part]), index: 0)],
                modelVersion: "gpt-4.1",
                responseId: "resp-1"
            )
        }
        for size in Self.sizes(Self.openAIStream) {
            let (batches, stream) = try Self.gemini(Self.openAIStream, size: size)
            // One batch per OpenAI chunk, then finish(): the final chunk waits for usage.
            #expect(batches.map(\.count) == [0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0], "chunk size \(size)")
            #expect(batches.flatMap { $0 } == [
                text(GeminiPart(text: "Both cities.", thought: true)),
                text(GeminiPart(text: "Checking")),
                text(GeminiPart(text: " now.")),
                final,
            ])
            #expect(stream.usage?.totalTokens == 43)
        }
    }

    @Test func withoutUsageTheFinalChunkComesFromFinish() throws {
        let transcript = Self.openAIStream.components(separatedBy: "\n\n").filter { !$0.contains(#""choices":[],"#) }.joined(separator: "\n\n")
        let (batches, _) = try Self.gemini(transcript, size: 32)
        #expect(batches.dropLast().flatMap { $0 }.count == 3)
        let final = try #require(batches.last?.first)
        #expect(final.candidates?.first?.finishReason == .stop)
        #expect(final.candidates?.first?.content?.parts.count == 2)
        #expect(final.usageMetadata == nil)
    }

    @Test func usageInTheFinishChunkReleasesItAtOnce() throws {
        var stream = OpenAIToGeminiStream(model: "m", responseId: "r")
        let finish = ChatCompletionChunk(
            id: "c", created: 0, model: "m",
            choices: [ChunkChoice(index: 0, delta: ChatDelta(content: "Hi"), finishReason: .stop)],
            usage: Usage(promptTokens: 1, completionTokens: 1)
        )
        let out = stream.translate(finish)
        #expect(out.count == 2)
        #expect(out[0].candidates?.first?.content?.parts == [GeminiPart(text: "Hi")])
        #expect(out[1].candidates?.first?.finishReason == .stop)
        #expect(out[1].candidates?.first?.content?.parts == [GeminiPart(text: "")])
        #expect(out[1].usageMetadata?.totalTokenCount == 2)
        #expect(stream.finish().isEmpty)
    }

    @Test func refusalDeltasBecomeText() throws {
        var stream = OpenAIToGeminiStream(model: "m", responseId: "r")
        let chunk = ChatCompletionChunk(id: "c", created: 0, model: "m", choices: [ChunkChoice(index: 0, delta: ChatDelta(refusal: "No."))])
        #expect(stream.translate(chunk).first?.candidates?.first?.content?.parts == [GeminiPart(text: "No.")])
    }

    @Test func brokenArgumentsFinishAsMalformedFunctionCall() throws {
        var stream = OpenAIToGeminiStream(model: "m", responseId: "r")
        let call = ChatCompletionChunk(id: "c", created: 0, model: "m", choices: [
            ChunkChoice(index: 0, delta: ChatDelta(toolCalls: [ToolCallDelta(index: 0, id: "x", function: .init(name: "f", arguments: "{\"a\":"))]))
        ])
        let finish = ChatCompletionChunk(id: "c", created: 0, model: "m", choices: [ChunkChoice(index: 0, delta: ChatDelta(), finishReason: .toolCalls)])
        #expect(stream.translate(call).isEmpty)
        #expect(stream.translate(finish).isEmpty)
        let out = stream.finish()
        #expect(out.first?.candidates?.first?.finishReason == .malformedFunctionCall)
    }

    @Test func aStreamCutShortStillDeliversItsCalls() throws {
        var stream = OpenAIToGeminiStream(model: "m", responseId: "r")
        _ = stream.translate(ChatCompletionChunk(id: "c", created: 0, model: "m", choices: [
            ChunkChoice(index: 0, delta: ChatDelta(toolCalls: [ToolCallDelta(index: 0, id: "x", function: .init(name: "f", arguments: "{}"))]))
        ]))
        let out = stream.finish()
        #expect(out.first?.candidates?.first?.finishReason == nil)
        #expect(out.first?.candidates?.first?.content?.parts.first?.functionCall?.name == "f")
    }

    // MARK: Round trip

    @Test func geminiStreamSurvivesTheTripThroughOpenAIChunks() throws {
        let (chunks, _) = try Self.translate(Self.callStream, size: 64, includeUsage: true)
        var back = OpenAIToGeminiStream(model: "gemini-2.5-flash", responseId: "resp-77")
        var events: [GeminiGenerateContentResponse] = []
        for chunk in chunks { events += back.translate(chunk) }
        events += back.finish()
        let parts = events.flatMap { $0.candidates?.first?.content?.parts ?? [] }
        #expect(parts.first == GeminiPart(text: "**Checking both cities**", thought: true))
        #expect(parts[1] == GeminiPart(text: "Let me look."))
        let calls = parts.compactMap(\.functionCall)
        #expect(calls.map(\.name) == ["get_weather", "get_weather"])
        #expect(calls.map(\.args) == [["city": "Paris"], ["city": "Rome"]])
        #expect(parts[2].thoughtSignature == "c2lnLUE=")
        #expect(events.last?.candidates?.first?.finishReason == .stop)
        #expect(events.last?.usageMetadata == GeminiUsageMetadata(promptTokenCount: 30, candidatesTokenCount: 12, totalTokenCount: 82, thoughtsTokenCount: 40))
    }
}
