import Foundation
import Testing

@testable import SwitchyardCore

/// Decoding real OpenAI JSON (samples from the API reference), round trips, `extra`,
/// explicit nulls and strictness about known fields.
@Suite struct OpenAIWireTypesTests {
    // MARK: Helpers

    private static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// The value encoded and read back as a JSON tree, to assert what goes on the wire.
    private static func wire(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// Decode → encode → decode gives an equal value.
    private static func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ json: String) throws -> T {
        let first = try decode(type, json)
        let second = try JSONDecoder().decode(type, from: JSONEncoder().encode(first))
        #expect(first == second)
        return first
    }

    private static func firstChoice(_ wire: JSONValue) -> JSONValue? {
        wire["choices"]?.arrayValue?.first
    }

    // MARK: Samples

    static let toolsRequest = #"""
        {
          "model": "gpt-4.1",
          "messages": [
            {"role": "user", "content": "What is the weather like in Boston today?"}
          ],
          "tools": [
            {
              "type": "function",
              "function": {
                "name": "get_current_weather",
                "description": "Get the current weather in a given location",
                "parameters": {
                  "type": "object",
                  "properties": {
                    "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
                  },
                  "required": ["location"]
                }
              }
            }
          ],
          "tool_choice": "auto"
        }
        """#

    static let visionRequest = #"""
        {
          "model": "gpt-4.1",
          "messages": [
            {
              "role": "user",
              "content": [
                {"type": "text", "text": "What is in this image?"},
                {
                  "type": "image_url",
                  "image_url": {
                    "url": "https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg",
                    "detail": "high"
                  }
                }
              ]
            }
          ],
          "max_tokens": 300
        }
        """#

    static let toolCallResponse = #"""
        {
          "id": "chatcmpl-abc123",
          "object": "chat.completion",
          "created": 1699896916,
          "model": "gpt-4o-mini",
          "choices": [
            {
              "index": 0,
              "message": {
                "role": "assistant",
                "content": null,
                "tool_calls": [
                  {
                    "id": "call_abc123",
                    "type": "function",
                    "function": {
                      "name": "get_current_weather",
                      "arguments": "{\n\"location\": \"Boston, MA\"\n}"
                    }
                  }
                ]
              },
              "logprobs": null,
              "finish_reason": "tool_calls"
            }
          ],
          "usage": {
            "prompt_tokens": 82,
            "completion_tokens": 17,
            "total_tokens": 99,
            "completion_tokens_details": {
              "reasoning_tokens": 0,
              "accepted_prediction_tokens": 0,
              "rejected_prediction_tokens": 0
            }
          }
        }
        """#

    static let textResponse = #"""
        {
          "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
          "object": "chat.completion",
          "created": 1741569952,
          "model": "gpt-4.1-2025-04-14",
          "choices": [
            {
              "index": 0,
              "message": {
                "role": "assistant",
                "content": "Hello! How can I assist you today?",
                "refusal": null,
                "annotations": []
              },
              "logprobs": null,
              "finish_reason": "stop"
            }
          ],
          "usage": {
            "prompt_tokens": 19,
            "completion_tokens": 10,
            "total_tokens": 29,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
              "reasoning_tokens": 0,
              "audio_tokens": 0,
              "accepted_prediction_tokens": 0,
              "rejected_prediction_tokens": 0
            }
          },
          "service_tier": "default"
        }
        """#

    static let toolCallChunk = #"""
        {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function","function":{"name":"get_current_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}
        """#

    static let argumentsChunk = #"""
        {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":"}}]},"logprobs":null,"finish_reason":null}],"usage":null}
        """#

    static let usageChunk = #"""
        {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":9,"total_tokens":18}}
        """#

    static let floatEmbeddings = #"""
        {
          "object": "list",
          "data": [
            {"object": "embedding", "embedding": [0.0023064255, -0.009327292, -0.0028842222], "index": 0}
          ],
          "model": "text-embedding-ada-002",
          "usage": {"prompt_tokens": 8, "total_tokens": 8}
        }
        """#

    static let base64Embeddings = #"""
        {
          "object": "list",
          "data": [{"object": "embedding", "embedding": "ZicXO4DRGLw4BT27", "index": 0}],
          "model": "text-embedding-3-small",
          "usage": {"prompt_tokens": 8, "total_tokens": 8}
        }
        """#

    static let errorBody = #"""
        {
          "error": {
            "message": "Incorrect API key provided: sk-abc. You can find your API key at https://platform.openai.com/account/api-keys.",
            "type": "invalid_request_error",
            "param": null,
            "code": "invalid_api_key"
          }
        }
        """#

    static let legacyResponse = #"""
        {
          "id": "cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7",
          "object": "text_completion",
          "created": 1589478378,
          "model": "gpt-3.5-turbo-instruct",
          "system_fingerprint": "fp_44709d6fcb",
          "choices": [{"text": "\n\nThis is indeed a test", "index": 0, "logprobs": null, "finish_reason": "length"}],
          "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12}
        }
        """#

    static let modelList = #"""
        {
          "object": "list",
          "data": [
            {"id": "model-id-0", "object": "model", "created": 1686935002, "owned_by": "organization-owner"},
            {"id": "model-id-1", "object": "model", "created": 1686935002, "owned_by": "organization-owner"}
          ]
        }
        """#

    // MARK: Chat requests

    @Test func decodesChatRequestWithTools() throws {
        let request = try Self.roundTrip(ChatCompletionRequest.self, Self.toolsRequest)
        #expect(request.model == "gpt-4.1")
        #expect(request.messages.count == 1)
        #expect(request.messages[0].role == .user)
        #expect(request.messages[0].content == .text("What is the weather like in Boston today?"))
        #expect(request.toolChoice == .auto)
        let tool = try #require(request.tools?.first)
        #expect(tool.type == "function")
        #expect(tool.function.name == "get_current_weather")
        #expect(tool.function.description == "Get the current weather in a given location")
        #expect(tool.function.parameters?["required"] == ["location"])
        #expect(tool.function.parameters?["properties"]?["unit"]?["enum"] == ["celsius", "fahrenheit"])
        #expect(request.extra.isEmpty)
    }

    @Test func decodesVisionParts() throws {
        let request = try Self.roundTrip(ChatCompletionRequest.self, Self.visionRequest)
        #expect(request.maxTokens == 300)
        guard case .parts(let parts) = request.messages[0].content else {
            Issue.record("expected parts")
            return
        }
        #expect(parts.count == 2)
        #expect(parts[0] == .text("What is in this image?"))
        guard case .imageURL(let image, let extra) = parts[1] else {
            Issue.record("expected an image part")
            return
        }
        #expect(image.url.hasPrefix("https://upload.wikimedia.org/"))
        #expect(image.detail == .high)
        #expect(extra.isEmpty)
        #expect(request.messages[0].text == "What is in this image?")
    }

    @Test func decodesAudioFileAndUnknownParts() throws {
        let json = #"""
            {"role": "user", "content": [
              {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}},
              {"type": "file", "file": {"filename": "a.pdf", "file_data": "data:application/pdf;base64,JVBE"}},
              {"type": "file", "file": {"file_id": "file-abc"}},
              {"type": "text", "text": "Summarise", "cache_control": {"type": "ephemeral"}},
              {"type": "video_url", "video_url": {"url": "https://example.com/v.mp4"}, "fps": 2}
            ]}
            """#
        let message = try Self.roundTrip(ChatMessage.self, json)
        guard case .parts(let parts) = message.content else {
            Issue.record("expected parts")
            return
        }
        #expect(parts[0] == .inputAudio(.init(data: "UklGRg==", format: "wav")))
        #expect(parts[1] == .file(.init(fileData: "data:application/pdf;base64,JVBE", filename: "a.pdf")))
        #expect(parts[2] == .file(.init(fileID: "file-abc")))
        #expect(parts[3] == .text("Summarise", extra: ["cache_control": ["type": "ephemeral"]]))
        #expect(parts[4].type == "video_url")
        #expect(message.text == "Summarise")

        let encoded = try Self.wire(message)
        let original = try Self.decode(JSONValue.self, json)
        #expect(encoded == original)
    }

    @Test func stopKeepsItsShape() throws {
        let single = try Self.roundTrip(
            ChatCompletionRequest.self,
            #"{"model": "m", "messages": [], "stop": "\n"}"#
        )
        #expect(single.stop == ["\n"])
        #expect(try Self.wire(single)["stop"] == "\n")

        let array = try Self.roundTrip(
            ChatCompletionRequest.self,
            #"{"model": "m", "messages": [], "stop": ["END", "STOP"]}"#
        )
        #expect(array.stop == ["END", "STOP"])
        #expect(try Self.wire(array)["stop"] == ["END", "STOP"])

        let built = ChatCompletionRequest(model: "m", messages: [], stop: ["x"])
        #expect(try Self.wire(built)["stop"] == ["x"])
    }

    @Test func decodesAllTypedRequestFields() throws {
        let json = #"""
            {
              "model": "o3", "messages": [{"role": "developer", "content": "Be brief."}],
              "stream": true, "stream_options": {"include_usage": true},
              "parallel_tool_calls": false, "temperature": 0.2, "top_p": 0.9,
              "max_completion_tokens": 50, "n": 2, "seed": 42, "user": "u-1",
              "presence_penalty": 0.5, "frequency_penalty": -0.5, "logit_bias": {"50256": -100},
              "logprobs": true, "top_logprobs": 3, "reasoning_effort": "high",
              "metadata": {"trace": "t1", "tags": ["a"]}, "store": false, "service_tier": "flex",
              "modalities": ["text"],
              "response_format": {"type": "json_schema", "json_schema": {
                "name": "answer", "description": "An answer", "strict": true,
                "schema": {"type": "object", "properties": {"answer": {"type": "string"}}}}}
            }
            """#
        let request = try Self.roundTrip(ChatCompletionRequest.self, json)
        #expect(request.messages[0].role == .developer)
        #expect(request.stream == true)
        #expect(request.streamOptions?.includeUsage == true)
        #expect(request.parallelToolCalls == false)
        #expect(request.temperature == 0.2)
        #expect(request.topP == 0.9)
        #expect(request.maxCompletionTokens == 50)
        #expect(request.n == 2)
        #expect(request.seed == 42)
        #expect(request.user == "u-1")
        #expect(request.presencePenalty == 0.5)
        #expect(request.frequencyPenalty == -0.5)
        #expect(request.logitBias == ["50256": -100])
        #expect(request.logprobs == true)
        #expect(request.topLogprobs == 3)
        #expect(request.reasoningEffort == .high)
        #expect(request.metadata?["tags"] == ["a"])
        #expect(request.store == false)
        #expect(request.serviceTier == .flex)
        #expect(request.modalities == ["text"])
        guard case .jsonSchema(let format) = request.responseFormat else {
            Issue.record("expected json_schema")
            return
        }
        #expect(format.name == "answer")
        #expect(format.description == "An answer")
        #expect(format.strict == true)
        #expect(format.schema?["properties"]?["answer"]?["type"] == "string")
        #expect(request.extra.isEmpty)
        #expect(try Self.wire(request) == Self.decode(JSONValue.self, json))
    }

    @Test func responseFormatVariants() throws {
        for (json, expected) in [
            (#"{"type": "text"}"#, ResponseFormat.text),
            (#"{"type": "json_object"}"#, .jsonObject),
            (#"{"type": "grammar", "grammar": "root ::= x"}"#, .other(["type": "grammar", "grammar": "root ::= x"])),
        ] {
            let format = try Self.roundTrip(ResponseFormat.self, json)
            #expect(format == expected)
            #expect(try Self.wire(format) == Self.decode(JSONValue.self, json))
        }
    }

    @Test func toolChoiceVariants() throws {
        let cases: [(String, ToolChoice)] = [
            (#""none""#, .none),
            (#""auto""#, .auto),
            (#""required""#, .required),
            (#"{"type": "function", "function": {"name": "get_weather"}}"#, .function(name: "get_weather")),
            (
                #"{"type": "allowed_tools", "allowed_tools": {"mode": "auto", "tools": []}}"#,
                .other(["type": "allowed_tools", "allowed_tools": ["mode": "auto", "tools": []]])
            ),
        ]
        for (json, expected) in cases {
            let choice = try Self.roundTrip(ToolChoice.self, json)
            #expect(choice == expected)
            #expect(try Self.wire(choice) == Self.decode(JSONValue.self, json))
        }
    }

    @Test func unknownFieldsArePreservedAndReencoded() throws {
        let json = #"""
            {
              "model": "gpt-4o",
              "messages": [{"role": "user", "content": "hi", "x_trace": 7}],
              "tools": [{"type": "function", "function": {"name": "f", "x_fn": true}, "cache_control": {"type": "ephemeral"}}],
              "prediction": {"type": "content", "content": "draft"},
              "web_search_options": {},
              "stream_options": {"include_usage": true, "include_obfuscation": false}
            }
            """#
        let request = try Self.roundTrip(ChatCompletionRequest.self, json)
        #expect(request.extra["prediction"] == ["type": "content", "content": "draft"])
        #expect(request.extra["web_search_options"] == [:])
        #expect(request.messages[0].extra == ["x_trace": 7])
        #expect(request.tools?[0].extra == ["cache_control": ["type": "ephemeral"]])
        #expect(request.tools?[0].function.extra == ["x_fn": true])
        #expect(request.streamOptions?.extra == ["include_obfuscation": false])
        #expect(try Self.wire(request) == Self.decode(JSONValue.self, json))
    }

    @Test func absentOptionalsAreOmitted() throws {
        let request = ChatCompletionRequest(model: "m", messages: [ChatMessage(role: .user, content: "hi")])
        #expect(try Self.wire(request) == ["model": "m", "messages": [["role": "user", "content": "hi"]]])
    }

    @Test func assistantWithToolCallsWritesNullContent() throws {
        let message = ChatMessage(
            role: .assistant,
            toolCalls: [ToolCall(id: "call_1", function: .init(name: "f", arguments: "{}"))]
        )
        let wire = try Self.wire(message)
        #expect(wire.objectValue?.keys.contains("content") == true)
        #expect(wire["content"] == .null)
        #expect(wire["tool_calls"]?.arrayValue?.first?["type"] == "function")
        #expect(try Self.wire(ChatMessage(role: .tool, content: "42", toolCallID: "call_1"))
            == ["role": "tool", "content": "42", "tool_call_id": "call_1"])
    }

    // MARK: Responses

    @Test func decodesResponseWithToolCalls() throws {
        let response = try Self.roundTrip(ChatCompletionResponse.self, Self.toolCallResponse)
        #expect(response.id == "chatcmpl-abc123")
        #expect(response.object == "chat.completion")
        #expect(response.created == 1_699_896_916)
        let choice = try #require(response.choices.first)
        #expect(choice.finishReason == .toolCalls)
        #expect(choice.message.content == nil)
        #expect(choice.logprobs == nil)
        let call = try #require(choice.message.toolCalls?.first)
        #expect(call.id == "call_abc123")
        #expect(call.function.name == "get_current_weather")
        #expect(call.function.arguments == "{\n\"location\": \"Boston, MA\"\n}")
        #expect(response.usage?.totalTokens == 99)
        #expect(response.usage?.completionTokensDetails?.reasoningTokens == 0)
        #expect(response.usage?.promptTokensDetails == nil)
        #expect(try Self.wire(response) == Self.decode(JSONValue.self, Self.toolCallResponse))
    }

    @Test func decodesResponseWithUsageDetails() throws {
        let response = try Self.roundTrip(ChatCompletionResponse.self, Self.textResponse)
        let choice = try #require(response.choices.first)
        #expect(choice.message.content == .text("Hello! How can I assist you today?"))
        #expect(choice.message.refusal == nil)
        #expect(choice.message.extra == ["annotations": []])
        #expect(choice.finishReason == .stop)
        #expect(response.serviceTier == .default)
        let usage = try #require(response.usage)
        #expect(usage.promptTokens == 19)
        #expect(usage.completionTokens == 10)
        #expect(usage.totalTokens == 29)
        #expect(usage.promptTokensDetails == .init(cachedTokens: 0, audioTokens: 0))
        #expect(usage.completionTokensDetails == .init(
            reasoningTokens: 0, audioTokens: 0, acceptedPredictionTokens: 0, rejectedPredictionTokens: 0))
        let wire = try Self.wire(response)
        #expect(Self.firstChoice(wire)?["logprobs"] == .null)
        #expect(Self.firstChoice(wire)?["message"]?.objectValue?.keys.contains("refusal") == false)
    }

    @Test func decodesStreamChunkWithToolCallDeltas() throws {
        let chunk = try Self.roundTrip(ChatCompletionChunk.self, Self.toolCallChunk)
        #expect(chunk.object == "chat.completion.chunk")
        #expect(chunk.systemFingerprint == "fp_44709d6fcb")
        #expect(chunk.usage == nil)
        #expect(chunk.usageIsExplicitNull == false)
        let choice = try #require(chunk.choices.first)
        #expect(choice.finishReason == nil)
        #expect(choice.delta.role == .assistant)
        #expect(choice.delta.content == nil)
        let call = try #require(choice.delta.toolCalls?.first)
        #expect(call == ToolCallDelta(
            index: 0, id: "call_DdmO9pD3xa9XTPNJ32zg2hcA", type: "function",
            function: .init(name: "get_current_weather", arguments: "")))
        // content: null, finish_reason: null and logprobs: null are written back, usage stays absent.
        #expect(try Self.wire(chunk) == Self.decode(JSONValue.self, Self.toolCallChunk))

        let fragment = try Self.roundTrip(ChatCompletionChunk.self, Self.argumentsChunk)
        #expect(fragment.choices[0].delta.toolCalls?[0].function?.arguments == "{\"location\":")
        #expect(fragment.choices[0].delta.toolCalls?[0].id == nil)
        #expect(fragment.usageIsExplicitNull)
        #expect(try Self.wire(fragment) == Self.decode(JSONValue.self, Self.argumentsChunk))
    }

    @Test func decodesUsageChunk() throws {
        let chunk = try Self.roundTrip(ChatCompletionChunk.self, Self.usageChunk)
        #expect(chunk.choices.isEmpty)
        #expect(chunk.usage == Usage(promptTokens: 9, completionTokens: 9, totalTokens: 18))
        #expect(try Self.wire(chunk) == Self.decode(JSONValue.self, Self.usageChunk))
    }

    @Test func finalChunkHasEmptyDelta() throws {
        let chunk = ChatCompletionChunk(
            id: "c", created: 1, model: "m",
            choices: [ChunkChoice(index: 0, delta: ChatDelta(), finishReason: .stop)]
        )
        let wire = try Self.wire(chunk)
        #expect(Self.firstChoice(wire)?["delta"] == [:])
        #expect(Self.firstChoice(wire)?["finish_reason"] == "stop")
        #expect(wire.objectValue?.keys.contains("usage") == false)
    }

    @Test func openEnumsKeepUnknownValues() throws {
        let json = #"{"index": 0, "message": {"role": "critic", "content": "ok"}, "finish_reason": "eos"}"#
        let choice = try Self.roundTrip(ChatChoice.self, json)
        #expect(choice.finishReason == .other("eos"))
        #expect(choice.message.role == .other("critic"))
        #expect(try Self.wire(choice)["finish_reason"] == "eos")
        #expect(FinishReason(rawValue: "content_filter") == .contentFilter)
        #expect(ChatRole(rawValue: "function") == .function)
    }

    // MARK: Strictness

    @Test(arguments: [
        #"{"model": "m", "messages": "hello"}"#,
        #"{"model": "m"}"#,
        #"{"model": 4, "messages": []}"#,
        #"{"model": "m", "messages": [], "stream": "yes"}"#,
        #"{"model": "m", "messages": [], "temperature": "hot"}"#,
        #"{"model": "m", "messages": [], "max_tokens": "10"}"#,
        #"{"model": "m", "messages": [], "stop": 5}"#,
        #"{"model": "m", "messages": [], "tools": {"type": "function"}}"#,
        #"{"model": "m", "messages": [{"role": 5, "content": "x"}]}"#,
        #"{"model": "m", "messages": [{"role": "user", "content": 42}]}"#,
        #"{"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": 1}]}]}"#,
        #"{"model": "m", "messages": [{"role": "assistant", "tool_calls": {"id": "x"}}]}"#,
        #"{"model": "m", "messages": [], "response_format": {"type": "json_schema"}}"#,
    ])
    func wrongTypesForKnownFieldsThrow(json: String) {
        #expect(throws: DecodingError.self) {
            try Self.decode(ChatCompletionRequest.self, json)
        }
    }

    // MARK: Legacy completions

    @Test func legacyCompletionRequestShapes() throws {
        for prompt in [#""Say this is a test""#, #"["a", "b"]"#, "[1, 2, 3]", "[[1, 2], [3]]"] {
            let json = #"{"model": "gpt-3.5-turbo-instruct", "prompt": \#(prompt), "max_tokens": 7, "stop": "\n", "echo": true, "logprobs": 2, "best_of": 3}"#
            let request = try Self.roundTrip(CompletionRequest.self, json)
            #expect(request.maxTokens == 7)
            #expect(request.echo == true)
            #expect(request.logprobs == 2)
            #expect(request.extra == ["best_of": 3])
            #expect(try Self.wire(request) == Self.decode(JSONValue.self, json))
        }
        let request = try Self.decode(CompletionRequest.self, #"{"model": "m", "prompt": ["first", "second"]}"#)
        #expect(request.promptText == "first")
    }

    @Test func legacyCompletionResponse() throws {
        let response = try Self.roundTrip(CompletionResponse.self, Self.legacyResponse)
        #expect(response.object == "text_completion")
        #expect(response.choices[0].text == "\n\nThis is indeed a test")
        #expect(response.choices[0].finishReason == .length)
        #expect(response.usage?.totalTokens == 12)
        #expect(response.systemFingerprint == "fp_44709d6fcb")
        #expect(try Self.wire(response) == Self.decode(JSONValue.self, Self.legacyResponse))

        let chunk = CompletionChunk(id: "cmpl-1", created: 1, model: "m", choices: [CompletionChoice(text: " a", index: 0)])
        let wire = try Self.wire(chunk)
        #expect(Self.firstChoice(wire)?["finish_reason"] == .null)
        #expect(Self.firstChoice(wire)?["logprobs"] == .null)
        #expect(wire["object"] == "text_completion")
    }

    // MARK: Embeddings

    @Test func embeddingInputShapes() throws {
        let cases: [(String, EmbeddingInput)] = [
            (#""The food was delicious""#, .string("The food was delicious")),
            (#"["a", "b"]"#, .strings(["a", "b"])),
            ("[1, 2, 3]", .tokens([1, 2, 3])),
            ("[[1, 2], [3]]", .tokenArrays([[1, 2], [3]])),
        ]
        for (input, expected) in cases {
            let json = #"{"model": "text-embedding-3-small", "input": \#(input), "encoding_format": "float", "dimensions": 8}"#
            let request = try Self.roundTrip(EmbeddingRequest.self, json)
            #expect(request.input == expected)
            #expect(request.encodingFormat == .float)
            #expect(request.dimensions == 8)
            #expect(try Self.wire(request) == Self.decode(JSONValue.self, json))
        }
        #expect(throws: DecodingError.self) {
            try Self.decode(EmbeddingRequest.self, #"{"model": "m", "input": {"text": "x"}}"#)
        }
    }

    @Test func floatEmbeddings() throws {
        let response = try Self.roundTrip(EmbeddingResponse.self, Self.floatEmbeddings)
        #expect(response.object == "list")
        #expect(response.model == "text-embedding-ada-002")
        #expect(response.usage == EmbeddingUsage(promptTokens: 8, totalTokens: 8))
        #expect(response.data[0].object == "embedding")
        #expect(response.data[0].embedding == .floats([0.0023064255, -0.009327292, -0.0028842222]))
        #expect(try Self.wire(response) == Self.decode(JSONValue.self, Self.floatEmbeddings))
    }

    @Test func base64Embeddings() throws {
        let response = try Self.roundTrip(EmbeddingResponse.self, Self.base64Embeddings)
        #expect(response.data[0].embedding == .base64("ZicXO4DRGLw4BT27"))
        #expect(response.data[0].embedding.floatValues == [0.0023064255, -0.009327292, -0.0028842222])
        #expect(EmbeddingVector.base64(encoding: [1.0, -2.0, 0.5]) == .base64("AACAPwAAAMAAAAA/"))
        #expect(EmbeddingVector.base64("not base64!").floatValues == nil)
    }

    // MARK: Models and errors

    @Test func modelList() throws {
        let list = try Self.roundTrip(ModelList.self, Self.modelList)
        #expect(list.object == "list")
        #expect(list.data.map(\.id) == ["model-id-0", "model-id-1"])
        #expect(list.data[0].ownedBy == "organization-owner")
        #expect(list.data[0].created == 1_686_935_002)
        #expect(try Self.wire(list) == Self.decode(JSONValue.self, Self.modelList))
    }

    @Test func errorBody() throws {
        let body = try Self.roundTrip(OpenAIErrorBody.self, Self.errorBody)
        #expect(body.error.type == "invalid_request_error")
        #expect(body.error.param == nil)
        #expect(body.error.code == "invalid_api_key")
        #expect(try Self.wire(body) == Self.decode(JSONValue.self, Self.errorBody))

        let built = OpenAIErrorBody(message: "No such model", type: "invalid_request_error")
        #expect(try Self.wire(built) == [
            "error": ["message": "No such model", "type": "invalid_request_error", "param": nil, "code": nil],
        ])

        let numeric = try Self.decode(
            OpenAIErrorBody.self,
            #"{"error": {"message": "bad", "type": "BadRequestError", "param": null, "code": 400}}"#
        )
        #expect(numeric.error.code == "400")
        #expect(throws: DecodingError.self) {
            try Self.decode(OpenAIErrorBody.self, #"{"error": {"message": 1, "type": "x"}}"#)
        }
    }
}
