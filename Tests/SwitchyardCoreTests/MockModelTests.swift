import Foundation
import Testing

@testable import SwitchyardCore

/// The mock model's documented behaviour: replies, tokens, limits, tools, streams, embeddings.
@Suite struct MockModelTests {
    private let model = MockModel(name: "mock-1")

    private static let weatherSchema: JSONValue = [
        "type": "object",
        "properties": [
            "location": ["type": "string"],
            "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]],
        ],
        "required": ["location"],
    ]

    private static let weatherTool = ChatTool(
        function: FunctionDefinition(name: "get_weather", parameters: weatherSchema)
    )
    private static let timeTool = ChatTool(function: FunctionDefinition(name: "get_time"))

    private static func chat(_ text: String, system: String? = nil) -> ChatCompletionRequest {
        var messages: [ChatMessage] = []
        if let system { messages.append(ChatMessage(role: .system, content: .text(system))) }
        messages.append(ChatMessage(role: .user, content: .text(text)))
        return ChatCompletionRequest(model: "mock", messages: messages)
    }

    private static func wire(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    private static func content(_ response: ChatCompletionResponse, choice: Int = 0) -> String? {
        response.choices[choice].message.content?.text
    }

    // MARK: Text replies and tokens

    @Test func repliesToTheLastUserMessage() throws {
        let response = model.chatCompletion(Self.chat("Hello there", system: "You are helpful."), created: 1_700_000_000)
        #expect(Self.content(response) == "Switchyard mock reply to: Hello there")
        #expect(response.choices[0].finishReason == .stop)
        #expect(response.choices[0].message.role == .assistant)
        #expect(response.choices[0].message.toolCalls == nil)
        #expect(response.object == "chat.completion")
        #expect(response.created == 1_700_000_000)
        #expect(response.model == "mock-1")
        #expect(response.id.hasPrefix("chatcmpl-mock-"))
        #expect(response.systemFingerprint == nil)
        // prompt: (3 + 3) + (2 + 3); completion: 6 words.
        #expect(response.usage == Usage(promptTokens: 11, completionTokens: 6, totalTokens: 17))
    }

    @Test func textPartsAreJoinedAndImagesIgnored() {
        var request = Self.chat("")
        request.messages = [
            ChatMessage(role: .user, content: "An earlier question"),
            ChatMessage(role: .assistant, content: "An earlier answer"),
            ChatMessage(role: .user, content: .parts([
                .text("What is"),
                .imageURL(.init(url: "data:image/png;base64,iVBORw0KGgo=")),
                .text("this?"),
            ])),
        ]
        let response = model.chatCompletion(request, created: 0)
        #expect(Self.content(response) == "Switchyard mock reply to: What is this?")
    }

    @Test func repliesWithoutAUserMessage() {
        let request = ChatCompletionRequest(model: "m", messages: [ChatMessage(role: .system, content: "Be terse.")])
        let response = model.chatCompletion(request, created: 0)
        #expect(Self.content(response) == "Switchyard mock reply.")
        #expect(response.usage == Usage(promptTokens: 5, completionTokens: 3))
    }

    @Test func promptTokensCountWordsPlusThreePerMessage() {
        let messages = [
            ChatMessage(role: .system, content: "one two three"),
            ChatMessage(role: .user, content: .parts([.text("four five"), .imageURL(.init(url: "https://x/y.png"))])),
            ChatMessage(role: .assistant, toolCalls: [ToolCall(id: "c", function: .init(name: "f", arguments: "{}"))]),
        ]
        #expect(MockModel.promptTokens(messages) == (3 + 3) + (2 + 3) + (0 + 3))
        #expect(MockModel.promptTokens([]) == 0)
    }

    @Test func maxTokensTruncatesWithLength() {
        var request = Self.chat("Hello there")
        request.maxTokens = 3
        var response = model.chatCompletion(request, created: 0)
        #expect(Self.content(response) == "Switchyard mock reply")
        #expect(response.choices[0].finishReason == .length)
        #expect(response.usage?.completionTokens == 3)

        request.maxCompletionTokens = 5
        response = model.chatCompletion(request, created: 0)
        #expect(Self.content(response) == "Switchyard mock reply to: Hello")
        #expect(response.choices[0].finishReason == .length)

        request.maxCompletionTokens = 6
        response = model.chatCompletion(request, created: 0)
        #expect(Self.content(response) == "Switchyard mock reply to: Hello there")
        #expect(response.choices[0].finishReason == .stop)
    }

    @Test func stopCutsBeforeTheEarliestStopString() {
        var request = Self.chat("Hello there")
        request.stop = ["there", "reply"]
        let response = model.chatCompletion(request, created: 0)
        #expect(Self.content(response) == "Switchyard mock ")
        #expect(response.choices[0].finishReason == .stop)
        #expect(response.usage?.completionTokens == 2)

        request.stop = ["never"]
        #expect(Self.content(model.chatCompletion(request, created: 0)) == "Switchyard mock reply to: Hello there")
    }

    @Test func nGivesIdenticalChoices() {
        var request = Self.chat("Hi")
        request.n = 3
        let response = model.chatCompletion(request, created: 0)
        #expect(response.choices.map(\.index) == [0, 1, 2])
        #expect(Set(response.choices.map(\.message)).count == 1)
        #expect(response.usage?.completionTokens == 15)
    }

    // MARK: Tool calls

    @Test func toolArgumentsFollowTheSchema() throws {
        var request = Self.chat("What's the weather in Paris?")
        request.tools = [Self.weatherTool]
        let response = model.chatCompletion(request, created: 0)
        let choice = try #require(response.choices.first)
        #expect(choice.finishReason == .toolCalls)
        #expect(choice.message.content == nil)
        let call = try #require(choice.message.toolCalls?.first)
        #expect(call.type == "function")
        #expect(call.function.name == "get_weather")
        #expect(call.function.arguments == #"{"location":"mock","unit":"celsius"}"#)
        #expect(call.id.hasPrefix("call_"))
        #expect(call.id.count == 29)
        #expect(call.id.dropFirst(5).allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(try Self.wire(response.choices[0].message)["content"] == .null)
        #expect(response.usage?.completionTokens == 2)
    }

    @Test func everyJSONSchemaTypeHasAMockValue() {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "zeta": ["type": "number"],
                "count": ["type": "integer"],
                "flag": ["type": "boolean"],
                "items": ["type": "array", "items": ["type": "string"]],
                "nested": ["type": "object"],
                "maybe": ["type": ["null", "string"]],
                "quote": ["type": "string", "enum": ["say \"hi\""]],
                "name": ["type": "string"],
            ],
            "required": ["zeta", "name"],
        ]
        #expect(MockModel.SchemaJSON.object(for: schema)
            == #"{"zeta":1.5,"name":"mock","count":1,"flag":true,"items":[],"maybe":"mock","nested":{},"quote":"say \"hi\""}"#)
        #expect(MockModel.SchemaJSON.object(for: nil) == "{}")
        #expect(MockModel.SchemaJSON.object(for: ["type": "object"]) == "{}")
    }

    @Test func offeredFunctionsAreCalledInParallel() throws {
        var request = Self.chat("Weather and time?")
        request.tools = [Self.weatherTool, Self.timeTool]
        let calls = try #require(model.chatCompletion(request, created: 0).choices[0].message.toolCalls)
        #expect(calls.map(\.function.name) == ["get_weather", "get_time"])
        #expect(calls[1].function.arguments == "{}")
        #expect(calls[0].id != calls[1].id)

        request.parallelToolCalls = false
        let single = try #require(model.chatCompletion(request, created: 0).choices[0].message.toolCalls)
        #expect(single.map(\.function.name) == ["get_weather"])
        #expect(single[0].function.arguments == calls[0].function.arguments)
    }

    @Test func namedToolChoiceCallsOnlyThatFunction() throws {
        var request = Self.chat("Time?")
        request.tools = [Self.weatherTool, Self.timeTool]
        request.toolChoice = .function(name: "get_time")
        let calls = try #require(model.chatCompletion(request, created: 0).choices[0].message.toolCalls)
        #expect(calls.map(\.function.name) == ["get_time"])

        request.toolChoice = ToolChoice.none
        let response = model.chatCompletion(request, created: 0)
        #expect(response.choices[0].message.toolCalls == nil)
        #expect(Self.content(response) == "Switchyard mock reply to: Time?")
    }

    @Test func toolResultsGetATextReply() {
        var request = Self.chat("Weather in Paris and Rome?")
        request.tools = [Self.weatherTool]
        request.messages += [
            ChatMessage(role: .assistant, toolCalls: [
                ToolCall(id: "call_1", function: .init(name: "get_weather", arguments: #"{"location":"Paris"}"#)),
                ToolCall(id: "call_2", function: .init(name: "get_weather", arguments: #"{"location":"Rome"}"#)),
            ]),
            ChatMessage(role: .tool, content: "18C and cloudy", toolCallID: "call_1"),
            ChatMessage(role: .tool, content: .parts([.text("24C"), .text("sunny")]), toolCallID: "call_2"),
        ]
        let response = model.chatCompletion(request, created: 0)
        #expect(Self.content(response) == "Switchyard mock used the tool results: 18C and cloudy; 24C sunny")
        #expect(response.choices[0].finishReason == .stop)
        #expect(response.choices[0].message.toolCalls == nil)
    }

    // MARK: Response formats

    @Test func jsonObjectWrapsTheReply() throws {
        var request = Self.chat(#"Say "hi"\now"#)
        request.responseFormat = .jsonObject
        let content = try #require(Self.content(model.chatCompletion(request, created: 0)))
        let object = try JSONDecoder().decode([String: String].self, from: Data(content.utf8))
        #expect(object == ["reply": #"Switchyard mock reply to: Say "hi"\now"#])
    }

    @Test func jsonSchemaBuildsAnObject() {
        var request = Self.chat("Weather?")
        request.responseFormat = .jsonSchema(.init(name: "weather", schema: Self.weatherSchema, strict: true))
        let response = model.chatCompletion(request, created: 0)
        #expect(Self.content(response) == #"{"location":"mock","unit":"celsius"}"#)
        #expect(response.usage?.completionTokens == 1)
    }

    // MARK: Streams

    @Test func streamsTextWordByWord() throws {
        let request = Self.chat("Hello there")
        let chunks = model.chatCompletionChunks(request, created: 42)
        let response = model.chatCompletion(request, created: 42)
        #expect(chunks.count == 8)
        #expect(chunks.allSatisfy {
            $0.id == response.id && $0.created == 42 && $0.model == "mock-1" && $0.systemFingerprint == nil
                && $0.object == "chat.completion.chunk" && $0.choices.count == 1 && $0.usage == nil
        })
        #expect(chunks[0].choices[0].delta == ChatDelta(role: .assistant, content: ""))
        let pieces = chunks.dropFirst().dropLast().map { $0.choices[0].delta.content ?? "<nil>" }
        #expect(pieces == ["Switchyard", " mock", " reply", " to:", " Hello", " there"])
        #expect(pieces.joined() == Self.content(response))
        #expect(chunks.dropLast().allSatisfy { $0.choices[0].finishReason == nil })
        let last = try #require(chunks.last)
        #expect(last.choices[0].delta == ChatDelta())
        #expect(last.choices[0].finishReason == .stop)

        let wires = try chunks.map(Self.wire)
        #expect(wires.allSatisfy { $0.objectValue?.keys.contains("usage") == false })
        #expect(wires.allSatisfy { $0.objectValue?.keys.contains("system_fingerprint") == false })
        #expect(wires[1]["choices"]?.arrayValue?.first?["finish_reason"] == .null)
        #expect(wires.last?["choices"]?.arrayValue?.first?["delta"] == [:])
    }

    @Test func streamedDeltasReproduceTheContentExactly() {
        for text in ["line one\n\nline  two ", "  padded", "", "🙂 unicode — dash"] {
            var request = Self.chat(text)
            for limit in [nil, 0, 2, 4] {
                request.maxTokens = limit
                let content = Self.content(model.chatCompletion(request, created: 0))
                let streamed = model.chatCompletionChunks(request, created: 0)
                    .compactMap { $0.choices.first?.delta.content }.joined()
                #expect(streamed == content)
            }
        }
    }

    @Test func includeUsageAddsAUsageChunkAndNullUsageElsewhere() throws {
        var request = Self.chat("Hello there")
        request.stream = true
        request.streamOptions = StreamOptions(includeUsage: true)
        let chunks = model.chatCompletionChunks(request, created: 0)
        let usageChunk = try #require(chunks.last)
        #expect(usageChunk.choices.isEmpty)
        #expect(usageChunk.usage == model.chatCompletion(request, created: 0).usage)
        #expect(chunks.dropLast().allSatisfy { $0.usage == nil && $0.usageIsExplicitNull })
        #expect(chunks[chunks.count - 2].choices[0].finishReason == .stop)

        let wires = try chunks.map(Self.wire)
        #expect(wires.dropLast().allSatisfy { $0["usage"] == .null && $0.objectValue?.keys.contains("usage") == true })
        #expect(wires.last?["choices"] == [])
        #expect(wires.last?["usage"]?["total_tokens"] == 11)

        request.streamOptions = StreamOptions(includeUsage: false)
        #expect(model.chatCompletionChunks(request, created: 0).allSatisfy { !$0.choices.isEmpty && !$0.usageIsExplicitNull })
    }

    @Test func streamsToolCallsInPieces() throws {
        var request = Self.chat("Weather and time?")
        request.tools = [Self.weatherTool, Self.timeTool]
        let calls = try #require(model.chatCompletion(request, created: 0).choices[0].message.toolCalls)
        let chunks = model.chatCompletionChunks(request, created: 0)
        #expect(chunks.count == 1 + 2 * 4 + 1)

        let first = chunks[0].choices[0].delta
        #expect(first.role == .assistant)
        #expect(first.content == nil)
        #expect(try Self.wire(chunks[0])["choices"]?.arrayValue?.first?["delta"] == ["role": "assistant", "content": nil])

        for (callIndex, call) in calls.enumerated() {
            let group = chunks[1 + callIndex * 4 ..< 5 + callIndex * 4].map { $0.choices[0].delta.toolCalls?.first }
            #expect(group[0] == ToolCallDelta(
                index: callIndex, id: call.id, type: "function",
                function: .init(name: call.function.name, arguments: "")))
            let pieces = group.dropFirst()
            #expect(pieces.allSatisfy { $0?.index == callIndex && $0?.id == nil && $0?.function?.name == nil })
            #expect(pieces.compactMap { $0?.function?.arguments }.joined() == call.function.arguments)
        }
        #expect(chunks.last?.choices[0].finishReason == .toolCalls)
        #expect(chunks.last?.choices[0].delta == ChatDelta())
    }

    @Test func argumentsSplitIntoThreeNearEqualPieces() {
        let arguments = #"{"location":"mock","unit":"celsius"}"#
        let pieces = MockModel.Words.thirds(of: arguments)
        #expect(pieces.count == 3)
        #expect(pieces.joined() == arguments)
        #expect(pieces.map(\.count) == [12, 12, 12])
        #expect(MockModel.Words.thirds(of: "{}") == ["{", "}", ""])
    }

    @Test func choicesStreamOneAfterAnother() {
        var request = Self.chat("Hi")
        request.n = 2
        let chunks = model.chatCompletionChunks(request, created: 0)
        #expect(chunks.allSatisfy { $0.choices.count == 1 })
        let indices = chunks.map { $0.choices[0].index }
        #expect(indices == Array(repeating: 0, count: 7) + Array(repeating: 1, count: 7))
        #expect(chunks.filter { $0.choices[0].finishReason != nil }.count == 2)
    }

    // MARK: Determinism

    @Test func sameInputGivesSameOutput() {
        var request = Self.chat("Weather?")
        request.tools = [Self.weatherTool]
        #expect(model.chatCompletion(request, created: 5) == model.chatCompletion(request, created: 5))
        #expect(model.chatCompletionChunks(request, created: 5) == model.chatCompletionChunks(request, created: 5))

        var streamed = request
        streamed.stream = true
        streamed.streamOptions = StreamOptions(includeUsage: true)
        #expect(model.chatCompletion(streamed, created: 5).id == model.chatCompletion(request, created: 5).id)

        let other = model.chatCompletion(Self.chat("Something else?"), created: 5)
        #expect(other.id != model.chatCompletion(request, created: 5).id)
    }

    // MARK: Embeddings

    @Test func embeddingsAreUnitVectors() throws {
        let request = EmbeddingRequest(model: "embed", input: .strings(["The food was delicious", "and the waiter"]))
        let response = model.embeddings(request)
        #expect(response.object == "list")
        #expect(response.model == "mock-1")
        #expect(response.data.map(\.index) == [0, 1])
        #expect(response.usage == EmbeddingUsage(promptTokens: 7, totalTokens: 7))
        for item in response.data {
            let vector = try #require(item.embedding.floatValues)
            #expect(vector.count == 16)
            let length = vector.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(length - 1) < 1e-5)
        }
        #expect(response.data[0].embedding != response.data[1].embedding)
        #expect(model.embeddings(request) == response)

        var shorter = request
        shorter.dimensions = 8
        #expect(model.embeddings(shorter).data[0].embedding.floatValues?.count == 8)
    }

    @Test func base64EmbeddingsDecodeToTheSameFloats() throws {
        var request = EmbeddingRequest(model: "embed", input: "hello world")
        let floats = try #require(model.embeddings(request).data.first?.embedding)
        request.encodingFormat = .base64
        let encoded = try #require(model.embeddings(request).data.first?.embedding)
        guard case .base64(let text) = encoded else {
            Issue.record("expected base64")
            return
        }
        #expect(Data(base64Encoded: text)?.count == 16 * 4)
        #expect(encoded.floatValues == floats.floatValues)
        #expect(try Self.wire(model.embeddings(request))["data"]?.arrayValue?.first?["embedding"] == .string(text))
    }

    @Test func tokenInputsAreEmbeddedToo() {
        let response = model.embeddings(EmbeddingRequest(model: "e", input: .tokenArrays([[1, 2, 3], [4]])))
        #expect(response.data.count == 2)
        #expect(response.usage?.promptTokens == 4)
        let single = model.embeddings(EmbeddingRequest(model: "e", input: .tokens([1, 2, 3])))
        #expect(single.data[0].embedding == response.data[0].embedding)
    }

    // MARK: Legacy completions

    @Test func legacyCompletion() {
        let request = CompletionRequest(model: "m", prompt: "Say this is a test")
        let response = model.completion(request, created: 9)
        #expect(response.object == "text_completion")
        #expect(response.id.hasPrefix("cmpl-mock-"))
        #expect(response.choices == [
            CompletionChoice(text: " Switchyard mock completion of: Say this is a test", index: 0, finishReason: .stop),
        ])
        #expect(response.usage == Usage(promptTokens: 5, completionTokens: 9))

        var limited = request
        limited.maxTokens = 2
        limited.n = 2
        let short = model.completion(limited, created: 9)
        #expect(short.choices.map(\.text) == [" Switchyard mock", " Switchyard mock"])
        #expect(short.choices.map(\.finishReason) == [.length, .length])
        #expect(short.usage?.completionTokens == 4)

        var echoed = request
        echoed.echo = true
        #expect(model.completion(echoed, created: 9).choices[0].text
            == "Say this is a test Switchyard mock completion of: Say this is a test")

        let listed = model.completion(CompletionRequest(model: "m", prompt: ["first prompt", "second"]), created: 9)
        #expect(listed.choices[0].text == " Switchyard mock completion of: first prompt")
        #expect(listed.usage?.promptTokens == 3)
    }

    @Test func legacyCompletionChunks() throws {
        var request = CompletionRequest(model: "m", prompt: "Say this", stop: ["of"])
        request.streamOptions = StreamOptions(includeUsage: true)
        let response = model.completion(request, created: 3)
        let chunks = model.completionChunks(request, created: 3)
        #expect(chunks.allSatisfy { $0.id == response.id && $0.object == "text_completion" && $0.created == 3 })
        let texts = chunks.dropLast(2).map { $0.choices[0].text }
        #expect(texts == [" Switchyard", " mock", " completion "])
        #expect(texts.joined() == response.choices[0].text)
        #expect(chunks[chunks.count - 2].choices[0] == CompletionChoice(text: "", index: 0, finishReason: .stop))
        #expect(chunks.last?.choices.isEmpty == true)
        #expect(chunks.last?.usage == response.usage)
        #expect(chunks.dropLast().allSatisfy { $0.usageIsExplicitNull })
    }
}
