import Foundation
import Testing

@testable import SwitchyardCore

/// Requests between the Gemini dialect and the OpenAI pivot: every mapping rule, round trips,
/// and refusals that name the field.
@Suite struct GeminiTranslationTests {
    typealias J = GeminiTestJSON

    static func pivot(_ json: String, stream: Bool = false, drop: Bool = false) throws -> ChatCompletionRequest {
        let gemini = try J.decode(GeminiGenerateContentRequest.self, json)
        return try ChatCompletionRequest(gemini: gemini, model: "gemini-2.5-flash", stream: stream, dropUnsupported: drop)
    }

    static func gemini(_ json: String, drop: Bool = false) throws -> GeminiGenerateContentRequest {
        try GeminiGenerateContentRequest(openAI: J.decode(ChatCompletionRequest.self, json), dropUnsupported: drop)
    }

    /// A multi-turn function-calling conversation as a Gemini client sends it: parallel calls
    /// (the signature on the first), their responses, then the model's answer with a signature.
    static let conversation = #"""
        {
          "systemInstruction": {"parts": [{"text": "You are a travel agent."}]},
          "contents": [
            {"role": "user", "parts": [{"text": "Check flight AA100 and book a taxi if it is delayed."}]},
            {"role": "model", "parts": [
              {"functionCall": {"name": "check_flight", "args": {"flight": "AA100"}}, "thoughtSignature": "U2lnbmF0dXJlIEE="},
              {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}}
            ]},
            {"role": "user", "parts": [
              {"functionResponse": {"name": "get_weather", "response": {"temperature": 21}}},
              {"functionResponse": {"name": "check_flight", "response": {"status": "delayed", "departure_time": "12 PM"}}}
            ]},
            {"role": "model", "parts": [{"text": "The flight is delayed; booking a taxi."}, {"text": "", "thoughtSignature": "U2lnbmF0dXJlIEI="}]},
            {"role": "user", "parts": [{"text": "Thanks!"}]}
          ],
          "tools": [{"functionDeclarations": [
            {"name": "check_flight", "description": "Checks a flight", "parameters": {"type": "OBJECT", "properties": {"flight": {"type": "STRING"}}, "required": ["flight"]}},
            {"name": "get_weather", "parametersJsonSchema": {"type": "object", "properties": {"city": {"type": "string"}}, "additionalProperties": false}}
          ]}]
        }
        """#

    // MARK: Gemini client → OpenAI pivot: contents

    @Test func conversationBecomesOpenAIMessages() throws {
        let request = try Self.pivot(Self.conversation)
        #expect(request.model == "gemini-2.5-flash")
        #expect(request.messages.map(\.role) == [.system, .user, .assistant, .tool, .tool, .assistant, .user])
        #expect(request.messages[0].content == .text("You are a travel agent."))

        let calls = try #require(request.messages[2].toolCalls)
        #expect(calls.map(\.id) == ["call_0", "call_1"])
        #expect(calls[0].function.name == "check_flight")
        #expect(calls[0].function.arguments == #"{"flight":"AA100"}"#)
        #expect(calls[0].extra["extra_content"]?["google"]?["thought_signature"] == "U2lnbmF0dXJlIEE=")
        #expect(calls[1].extra.isEmpty)
        #expect(request.messages[2].content == nil)

        // Responses are matched by name, whatever their order.
        #expect(request.messages[3].toolCallID == "call_1")
        #expect(request.messages[3].content == .text(#"{"temperature":21}"#))
        #expect(request.messages[4].toolCallID == "call_0")
        #expect(request.messages[4].content == .text(#"{"departure_time":"12 PM","status":"delayed"}"#))

        #expect(request.messages[5].content == .text("The flight is delayed; booking a taxi."))
        #expect(request.messages[5].extra["extra_content"]?["google"]?["thought_signature"] == "U2lnbmF0dXJlIEI=")
        #expect(request.messages[6].content == .text("Thanks!"))
    }

    @Test func callIdsAndResponseIdsAreMatched() throws {
        let request = try Self.pivot(#"""
            {"contents": [
              {"role": "user", "parts": [{"text": "go"}]},
              {"role": "model", "parts": [{"functionCall": {"id": "fc-a", "name": "f", "args": {}}}, {"functionCall": {"id": "fc-b", "name": "f", "args": {"x": 1}}}]},
              {"role": "user", "parts": [{"functionResponse": {"id": "fc-b", "name": "f", "response": {"r": 2}}}, {"functionResponse": {"name": "f", "response": {"r": 1}}}, {"text": "and?"}]}
            ]}
            """#)
        #expect(request.messages[1].toolCalls?.map(\.id) == ["fc-a", "fc-b"])
        #expect(request.messages.map(\.role) == [.user, .assistant, .tool, .tool, .user])
        #expect(request.messages[2].toolCallID == "fc-b")
        #expect(request.messages[3].toolCallID == "fc-a")
        #expect(request.messages[4].content == .text("and?"))
    }

    @Test func thoughtsBecomeReasoningContent() throws {
        let request = try Self.pivot(#"""
            {"contents": [{"role": "user", "parts": [{"text": "2+2?"}]},
              {"role": "model", "parts": [{"text": "Adding.", "thought": true}, {"text": " Simple.", "thought": true}, {"text": "4"}]}]}
            """#)
        #expect(request.messages[1].reasoningContent == "Adding. Simple.")
        #expect(request.messages[1].content == .text("4"))
    }

    @Test func mediaPartsBecomeOpenAIParts() throws {
        let request = try Self.pivot(#"""
            {"contents": [{"parts": [
              {"text": "Compare these."},
              {"inline_data": {"mime_type": "image/png", "data": "iVBORw0KGgo="}},
              {"inlineData": {"mimeType": "audio/mpeg", "data": "SUQz"}},
              {"inlineData": {"mimeType": "application/pdf", "data": "JVBERi0="}},
              {"fileData": {"mimeType": "video/mp4", "fileUri": "https://generativelanguage.googleapis.com/v1beta/files/abc"}}
            ]}]}
            """#)
        guard case .parts(let parts) = request.messages[0].content else {
            Issue.record("expected parts")
            return
        }
        #expect(parts.count == 5)
        #expect(parts[0] == .text("Compare these."))
        #expect(parts[1] == .imageURL(ChatContentPart.ImageURL(url: "data:image/png;base64,iVBORw0KGgo=")))
        #expect(parts[2] == .inputAudio(ChatContentPart.InputAudio(data: "SUQz", format: "mp3")))
        #expect(parts[3] == .file(ChatContentPart.File(fileData: "data:application/pdf;base64,JVBERi0=", filename: "file.pdf")))
        #expect(
            parts[4]
                == .imageURL(
                    ChatContentPart.ImageURL(
                        url: "https://generativelanguage.googleapis.com/v1beta/files/abc",
                        extra: ["format": "video/mp4"]
                    )
                )
        )
    }

    // MARK: Gemini client → OpenAI pivot: tools and config

    @Test func declarationsBecomeFunctionTools() throws {
        let request = try Self.pivot(Self.conversation)
        let tools = try #require(request.tools)
        #expect(tools.map(\.function.name) == ["check_flight", "get_weather"])
        #expect(tools[0].function.description == "Checks a flight")
        // OpenAPI-subset types are lower-cased; a JSON Schema is passed on untouched.
        #expect(
            tools[0].function.parameters
                == ["type": "object", "properties": ["flight": ["type": "string"]], "required": ["flight"]]
        )
        #expect(tools[1].function.parameters?["additionalProperties"] == false)
        #expect(request.toolChoice == nil)
    }

    @Test func nullableOpenAPITypesBecomeTypeUnions() {
        let schema: JSONValue = ["type": "ARRAY", "items": ["type": "INTEGER", "nullable": true], "nullable": false]
        #expect(GeminiSchema.jsonSchema(fromOpenAPI: schema) == ["type": "array", "items": ["type": ["integer", "null"]]])
    }

    @Test(arguments: [
        (#"{"mode": "AUTO"}"#, ToolChoice.auto, ["a", "b"]),
        (#"{"mode": "VALIDATED"}"#, ToolChoice.auto, ["a", "b"]),
        (#"{"mode": "NONE"}"#, ToolChoice.none, ["a", "b"]),
        (#"{"mode": "ANY"}"#, ToolChoice.required, ["a", "b"]),
        (#"{"mode": "ANY", "allowedFunctionNames": ["b"]}"#, ToolChoice.function(name: "b"), ["b"]),
        (#"{"mode": "ANY", "allowedFunctionNames": ["a", "b"]}"#, ToolChoice.required, ["a", "b"]),
        (#"{"mode": "AUTO", "allowedFunctionNames": ["a"]}"#, ToolChoice.auto, ["a"]),
    ])
    func functionCallingConfigBecomesToolChoice(config: String, choice: ToolChoice, tools: [String]) throws {
        let request = try Self.pivot(#"""
            {"contents": [{"parts": [{"text": "hi"}]}],
             "tools": [{"functionDeclarations": [{"name": "a"}, {"name": "b"}]}],
             "toolConfig": {"functionCallingConfig": \#(config)}}
            """#)
        #expect(request.toolChoice == choice)
        #expect(request.tools?.map(\.function.name) == tools)
    }

    @Test func generationConfigBecomesSamplingFields() throws {
        let request = try Self.pivot(#"""
            {"contents": [{"parts": [{"text": "hi"}]}],
             "generationConfig": {"temperature": 0.2, "topP": 0.9, "topK": 40, "seed": 7, "presencePenalty": 0.5,
               "frequencyPenalty": 0.25, "maxOutputTokens": 256, "stopSequences": ["END"], "candidateCount": 2,
               "responseLogprobs": true, "logprobs": 3, "responseModalities": ["TEXT"]},
             "safetySettings": [{"category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_NONE"}]}
            """#, stream: true)
        #expect(request.temperature == 0.2)
        #expect(request.topP == 0.9)
        #expect(request.extra["top_k"] == 40)
        #expect(request.seed == 7)
        #expect(request.presencePenalty == 0.5)
        #expect(request.frequencyPenalty == 0.25)
        #expect(request.maxTokens == 256)
        #expect(request.stop == ["END"])
        #expect(request.n == 2)
        #expect(request.logprobs == true)
        #expect(request.topLogprobs == 3)
        #expect(request.extra["safety_settings"]?.arrayValue?.first?["threshold"] == "BLOCK_NONE")
        #expect(request.stream == true)
        #expect(request.streamOptions?.includeUsage == true)
    }

    @Test func responseMimeTypeAndSchemasBecomeResponseFormat() throws {
        func format(_ config: String) throws -> ResponseFormat? {
            try Self.pivot(#"{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": \#(config)}"#).responseFormat
        }
        #expect(try format(#"{"responseMimeType": "application/json"}"#) == .jsonObject)
        #expect(try format(#"{"responseMimeType": "text/plain"}"#) == nil)
        let jsonSchema: JSONValue = ["type": "object", "properties": ["name": ["type": "string"]]]
        #expect(
            try format(#"{"responseMimeType": "application/json", "responseJsonSchema": {"type": "object", "properties": {"name": {"type": "string"}}}}"#)
                == .jsonSchema(ResponseFormat.JSONSchema(name: "response", schema: jsonSchema))
        )
        #expect(
            try format(#"{"responseMimeType": "application/json", "responseSchema": {"type": "OBJECT", "properties": {"name": {"type": "STRING"}}}}"#)
                == .jsonSchema(ResponseFormat.JSONSchema(name: "response", schema: jsonSchema))
        )
    }

    @Test(arguments: [
        (0, ReasoningEffort?.none), (-1, nil), (512, .low), (1024, .low), (1025, .medium), (8192, .medium), (24576, .high),
    ])
    func thinkingBudgetBecomesReasoningEffort(budget: Int, effort: ReasoningEffort?) throws {
        let request = try Self.pivot(
            #"{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"thinkingConfig": {"thinkingBudget": \#(budget), "includeThoughts": true}}}"#
        )
        #expect(request.reasoningEffort == effort)
    }

    @Test func thinkingLevelBecomesReasoningEffort() throws {
        let request = try Self.pivot(
            #"{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"thinkingConfig": {"thinkingLevel": "HIGH"}}}"#
        )
        #expect(request.reasoningEffort == .high)
    }

    // MARK: Gemini client → OpenAI pivot: refusals

    @Test(arguments: [
        (#"{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "a"}]}, {"googleSearch": {}}]}"#, "tools[1].googleSearch"),
        (#"{"contents": [{"role": "model", "parts": [{"executableCode": {"language": "PYTHON", "code": "print(1)"}}]}]}"#, "contents[0].parts[0]"),
        (#"{"contents": [{"parts": [{"text": "hi"}]}], "cachedContent": "cachedContents/x"}"#, "cachedContent"),
        (#"{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseMimeType": "text/x.enum"}}"#, "generationConfig.responseMimeType"),
        (#"{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseModalities": ["IMAGE"]}}"#, "generationConfig.responseModalities"),
        (#"{"systemInstruction": {"parts": [{"inlineData": {"mimeType": "image/png", "data": "AA=="}}]}, "contents": []}"#, "systemInstruction.parts[0]"),
        (#"{"contents": [{"role": "model", "parts": [{"inlineData": {"mimeType": "image/png", "data": "AA=="}}]}]}"#, "contents[0].parts[0]"),
    ])
    func unsupportedGeminiFieldsAreRefusedUnlessDropped(json: String, param: String) throws {
        #expect(J.rejectedParam { _ = try Self.pivot(json) } == param)
        _ = try Self.pivot(json, drop: true)
    }

    @Test func droppedFieldsAreLeftOut() throws {
        let request = try Self.pivot(
            #"{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"googleSearch": {}}], "cachedContent": "cachedContents/x"}"#,
            drop: true
        )
        #expect(request.tools == nil)
        #expect(request.extra.isEmpty)
    }

    @Test func aModelTurnWithNothingLeftIsDropped() throws {
        let request = try Self.pivot(#"""
            {"contents": [{"role": "user", "parts": [{"text": "run it"}]},
              {"role": "model", "parts": [{"executableCode": {"language": "PYTHON", "code": "print(1)"}}, {"codeExecutionResult": {"outcome": "OUTCOME_OK", "output": "1"}}]},
              {"role": "user", "parts": [{"text": "and?"}]}]}
            """#, drop: true)
        #expect(request.messages.map(\.role) == [.user, .user])
    }

    @Test func unknownRolesAndUnknownAllowedNamesAreRefusedEvenWhenDropping() {
        #expect(J.rejectedParam { _ = try Self.pivot(#"{"contents": [{"role": "system", "parts": [{"text": "x"}]}]}"#, drop: true) } == "contents[0].role")
        let allowed = #"{"contents": [], "tools": [{"functionDeclarations": [{"name": "a"}]}], "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["zzz"]}}}"#
        #expect(J.rejectedParam { _ = try Self.pivot(allowed, drop: true) } == "toolConfig.functionCallingConfig.allowedFunctionNames")
    }

    // MARK: OpenAI pivot → Gemini provider

    static let openAIConversation = #"""
        {
          "model": "gemini-2.5-pro",
          "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "developer", "content": [{"type": "text", "text": "Use tools."}]},
            {"role": "user", "content": "Weather in Paris and Rome?"},
            {"role": "assistant", "content": null, "tool_calls": [
              {"id": "call_p", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"},
               "extra_content": {"google": {"thought_signature": "c2lnLTE="}}},
              {"id": "call_r", "type": "function", "function": {"name": "get_weather", "arguments": ""}}
            ]},
            {"role": "tool", "tool_call_id": "call_p", "content": "{\"temp\": 21}"},
            {"role": "tool", "tool_call_id": "call_r", "content": "sunny"},
            {"role": "user", "content": "Thanks"},
            {"role": "assistant", "content": "You're welcome.", "extra_content": {"google": {"thought_signature": "c2lnLTI="}}}
          ]
        }
        """#

    @Test func messagesBecomeAlternatingContents() throws {
        let request = try Self.gemini(Self.openAIConversation)
        #expect(request.systemInstruction == GeminiContent(parts: [GeminiPart(text: "You are terse."), GeminiPart(text: "Use tools.")]))
        #expect(request.contents.map(\.role) == [.user, .model, .user, .model])
        #expect(request.contents[0].parts == [GeminiPart(text: "Weather in Paris and Rome?")])
        #expect(
            request.contents[1].parts == [
                GeminiPart(functionCall: GeminiFunctionCall(name: "get_weather", args: ["city": "Paris"]), thoughtSignature: "c2lnLTE="),
                GeminiPart(functionCall: GeminiFunctionCall(name: "get_weather", args: [:])),
            ]
        )
        // Tool results and the next user message merge into one user turn.
        #expect(
            request.contents[2].parts == [
                GeminiPart(functionResponse: GeminiFunctionResponse(name: "get_weather", response: ["temp": 21])),
                GeminiPart(functionResponse: GeminiFunctionResponse(name: "get_weather", response: ["content": "sunny"])),
                GeminiPart(text: "Thanks"),
            ]
        )
        #expect(request.contents[3].parts == [GeminiPart(text: "You're welcome.", thoughtSignature: "c2lnLTI=")])
        // Gemini rejects `id` in request function calls and responses: none goes on the wire.
        let wire = try J.wire(request)
        #expect(wire["contents"]?.arrayValue?[1]["parts"]?.arrayValue?.first?["functionCall"]?["id"] == nil)
        #expect(wire["contents"]?.arrayValue?[2]["parts"]?.arrayValue?.first?["functionResponse"]?["id"] == nil)
    }

    @Test func signatureAloneGetsAnEmptyTextPart() throws {
        let request = try Self.gemini(#"""
            {"model": "m", "messages": [{"role": "user", "content": "hi"},
              {"role": "assistant", "content": "", "provider_specific_fields": {"thought_signature": "c2ln"}}]}
            """#)
        #expect(request.contents[1].parts == [GeminiPart(text: "", thoughtSignature: "c2ln")])
    }

    @Test func userMediaBecomesBlobsAndFileData() throws {
        let request = try Self.gemini(#"""
            {"model": "m", "messages": [{"role": "user", "content": [
              {"type": "text", "text": "Look"},
              {"type": "image_url", "image_url": {"url": "data:image/webp;base64,UklGRg==", "detail": "high"}},
              {"type": "image_url", "image_url": {"url": "https://example.com/cat.PNG?size=large"}},
              {"type": "image_url", "image_url": {"url": "https://example.com/render?id=3"}},
              {"type": "image_url", "image_url": {"url": "gs://bucket/clip.bin", "format": "video/mp4"}},
              {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}},
              {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBERi0=", "filename": "a.pdf"}},
              {"type": "file", "file": {"file_id": "https://generativelanguage.googleapis.com/v1beta/files/xyz", "filename": "notes.txt"}}
            ]}]}
            """#)
        #expect(
            request.contents[0].parts == [
                GeminiPart(text: "Look"),
                GeminiPart(inlineData: GeminiBlob(mimeType: "image/webp", data: "UklGRg==")),
                GeminiPart(fileData: GeminiFileData(mimeType: "image/png", fileUri: "https://example.com/cat.PNG?size=large")),
                GeminiPart(fileData: GeminiFileData(mimeType: "image/jpeg", fileUri: "https://example.com/render?id=3")),
                GeminiPart(fileData: GeminiFileData(mimeType: "video/mp4", fileUri: "gs://bucket/clip.bin")),
                GeminiPart(inlineData: GeminiBlob(mimeType: "audio/wav", data: "UklGRg==")),
                GeminiPart(inlineData: GeminiBlob(mimeType: "application/pdf", data: "JVBERi0=")),
                GeminiPart(
                    fileData: GeminiFileData(mimeType: "text/plain", fileUri: "https://generativelanguage.googleapis.com/v1beta/files/xyz")
                ),
            ]
        )
    }

    @Test func toolsKeepTheirJSONSchemaAndToolChoiceMaps() throws {
        let base = #"""
            "model": "m", "messages": [{"role": "user", "content": "hi"}],
            "tools": [{"type": "function", "function": {"name": "f", "description": "d", "strict": true,
              "parameters": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                "properties": {"x": {"type": ["string", "null"]}}, "additionalProperties": false}}}]
            """#
        let auto = try Self.gemini("{\(base)}")
        let declaration = try #require(auto.tools?.first?.functionDeclarations?.first)
        #expect(declaration.name == "f")
        #expect(declaration.description == "d")
        #expect(declaration.parameters == nil)
        #expect(declaration.parametersJsonSchema?["additionalProperties"] == false)
        #expect(declaration.parametersJsonSchema?["properties"]?["x"]?["type"] == ["string", "null"])
        #expect(auto.toolConfig == nil)

        func calling(_ choice: String) throws -> GeminiFunctionCallingConfig? {
            try Self.gemini(#"{\#(base), "tool_choice": \#(choice)}"#).toolConfig?.functionCallingConfig
        }
        #expect(try calling(#""auto""#) == GeminiFunctionCallingConfig(mode: .auto))
        #expect(try calling(#""none""#) == GeminiFunctionCallingConfig(mode: GeminiFunctionCallingConfig.Mode.none))
        #expect(try calling(#""required""#) == GeminiFunctionCallingConfig(mode: .any))
        #expect(
            try calling(#"{"type": "function", "function": {"name": "f"}}"#)
                == GeminiFunctionCallingConfig(mode: .any, allowedFunctionNames: ["f"])
        )
    }

    @Test func samplingFieldsBecomeGenerationConfig() throws {
        let request = try Self.gemini(#"""
            {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0.3, "top_p": 0.8, "top_k": 20,
             "seed": 1, "presence_penalty": 0.1, "frequency_penalty": 0.2, "max_tokens": 50, "max_completion_tokens": 100,
             "n": 2, "stop": "END", "response_format": {"type": "json_object"}, "reasoning_effort": "medium",
             "user": "u-1", "metadata": {"a": "b"}, "store": false,
             "safety_settings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "OFF"}]}
            """#)
        let config = try #require(request.generationConfig)
        #expect(config.temperature == 0.3)
        #expect(config.topP == 0.8)
        #expect(config.topK == 20)
        #expect(config.seed == 1)
        #expect(config.presencePenalty == 0.1)
        #expect(config.frequencyPenalty == 0.2)
        #expect(config.maxOutputTokens == 100)
        #expect(config.candidateCount == 2)
        #expect(config.stopSequences == ["END"])
        #expect(config.responseMimeType == "application/json")
        #expect(config.thinkingConfig == GeminiThinkingConfig(thinkingBudget: 8192, includeThoughts: true))
        #expect(request.safetySettings?.first?["threshold"] == "OFF")
        #expect(request.extra.isEmpty)
    }

    @Test(arguments: [
        ("none", GeminiThinkingConfig(thinkingBudget: 0)),
        ("minimal", GeminiThinkingConfig(thinkingBudget: 128, includeThoughts: true)),
        ("low", GeminiThinkingConfig(thinkingBudget: 1024, includeThoughts: true)),
        ("high", GeminiThinkingConfig(thinkingBudget: 24576, includeThoughts: true)),
    ])
    func reasoningEffortBecomesAThinkingBudget(effort: String, thinking: GeminiThinkingConfig) throws {
        let request = try Self.gemini(#"{"model": "m", "messages": [{"role": "user", "content": "hi"}], "reasoning_effort": "\#(effort)"}"#)
        #expect(request.generationConfig?.thinkingConfig == thinking)
    }

    @Test func jsonSchemaFormatBecomesResponseJsonSchema() throws {
        let request = try Self.gemini(#"""
            {"model": "m", "messages": [{"role": "user", "content": "hi"}],
             "response_format": {"type": "json_schema", "json_schema": {"name": "person", "strict": true,
               "schema": {"type": "object", "properties": {"age": {"type": "integer"}}, "additionalProperties": false}}}}
            """#)
        #expect(request.generationConfig?.responseMimeType == "application/json")
        #expect(request.generationConfig?.responseJsonSchema?["additionalProperties"] == false)
        #expect(request.generationConfig?.responseSchema == nil)
    }

    @Test func noConfigMeansNoGenerationConfig() throws {
        let request = try Self.gemini(#"{"model": "m", "messages": [{"role": "user", "content": "hi"}]}"#)
        #expect(request.generationConfig == nil)
        #expect(try J.wire(request) == ["contents": [["role": "user", "parts": [["text": "hi"]]]]])
    }

    // MARK: OpenAI pivot → Gemini provider: refusals

    static let user = #""model": "m", "messages": [{"role": "user", "content": "hi"}]"#
    static let tool = #""tools": [{"type": "function", "function": {"name": "f"}}]"#

    @Test(arguments: [
        (#"{\#(user), "logit_bias": {"50256": -100}}"#, "logit_bias"),
        (#"{\#(user), "logprobs": true}"#, "logprobs"),
        (#"{\#(user), "top_logprobs": 2}"#, "top_logprobs"),
        (#"{\#(user), \#(tool), "parallel_tool_calls": false}"#, "parallel_tool_calls"),
        (#"{\#(user), "modalities": ["text", "audio"]}"#, "modalities"),
        (#"{\#(user), "reasoning_effort": "extreme"}"#, "reasoning_effort"),
        (#"{\#(user), "response_format": {"type": "grammar", "grammar": "x"}}"#, "response_format"),
        (#"{\#(user), \#(tool), "tool_choice": {"type": "allowed_tools", "allowed_tools": {}}}"#, "tool_choice"),
        (#"{\#(user), "tools": [{"type": "custom", "function": {"name": "g"}}]}"#, "tools[0]"),
        (#"{"model": "m", "messages": [{"role": "user", "content": [{"type": "file", "file": {"file_id": "file-abc123"}}]}]}"#, "messages[0].content[0].file.file_id"),
        (#"{"model": "m", "messages": [{"role": "user", "content": [{"type": "refusal_x"}]}]}"#, "messages[0].content[0]"),
        (#"{"model": "m", "messages": [{"role": "system", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,AA=="}}]}]}"#, "messages[0].content[0]"),
    ])
    func unsupportedOpenAIFieldsAreRefusedUnlessDropped(json: String, param: String) throws {
        #expect(J.rejectedParam { _ = try Self.gemini(json) } == param)
        let dropped = try Self.gemini(json, drop: true)
        #expect(dropped.generationConfig?.thinkingConfig == nil)
    }

    @Test(arguments: [
        (#"{"model": "m", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{not json"}}]}]}"#, "messages[1].tool_calls[0].function.arguments"),
        (#"{"model": "m", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "[1, 2]"}}]}]}"#, "messages[1].tool_calls[0].function.arguments"),
        (#"{"model": "m", "messages": [{"role": "tool", "tool_call_id": "nobody", "content": "x"}]}"#, "messages[0].tool_call_id"),
        (#"{"model": "m", "messages": [{"role": "function", "content": "x"}]}"#, "messages[0].name"),
        (#"{"model": "m", "messages": [{"role": "narrator", "content": "x"}]}"#, "messages[0].role"),
        (#"{"model": "m", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/png,%89PNG"}}]}]}"#, "messages[0].content[0].image_url.url"),
    ])
    func malformedOpenAIRequestsAreRefusedEvenWhenDropping(json: String, param: String) {
        #expect(J.rejectedParam { _ = try Self.gemini(json, drop: true) } == param)
    }

    // MARK: Round trips

    @Test func geminiToOpenAIToGeminiKeepsTheConversation() throws {
        let original = try J.decode(GeminiGenerateContentRequest.self, Self.conversation)
        let pivot = try ChatCompletionRequest(gemini: original, model: "gemini-2.5-flash", stream: false)
        // Through the wire, as the gateway would carry it.
        let carried = try J.decode(ChatCompletionRequest.self, String(decoding: JSONEncoder().encode(pivot), as: UTF8.self))
        let back = try GeminiGenerateContentRequest(openAI: carried)

        #expect(back.systemInstruction == original.systemInstruction)
        #expect(back.contents.map(\.role) == original.contents.map(\.role))
        #expect(back.contents[0] == original.contents[0])
        #expect(back.contents[1] == original.contents[1])
        // Function responses keep their names, objects and order.
        #expect(back.contents[2] == original.contents[2])
        // The trailing empty signature part is folded into the text part before it.
        #expect(back.contents[3].parts == [GeminiPart(text: "The flight is delayed; booking a taxi.", thoughtSignature: "U2lnbmF0dXJlIEI=")])
        #expect(back.contents[4] == original.contents[4])
        let declarations = try #require(back.tools?.first?.functionDeclarations)
        #expect(declarations.map(\.name) == ["check_flight", "get_weather"])
        #expect(declarations[1].parametersJsonSchema == original.tools?.first?.functionDeclarations?[1].parametersJsonSchema)
    }

    @Test func geminiConfigSurvivesTheRoundTrip() throws {
        let original = try J.decode(GeminiGenerateContentRequest.self, #"""
            {"contents": [{"role": "user", "parts": [{"text": "hi"}]}],
             "generationConfig": {"temperature": 0.5, "topP": 0.9, "topK": 32, "maxOutputTokens": 64, "stopSequences": ["x"],
               "candidateCount": 2, "seed": 3, "responseMimeType": "application/json",
               "responseJsonSchema": {"type": "object"}, "thinkingConfig": {"thinkingBudget": 8192, "includeThoughts": true}},
             "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}],
             "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["f"]}},
             "tools": [{"functionDeclarations": [{"name": "f", "parametersJsonSchema": {"type": "object"}}]}]}
            """#)
        let back = try GeminiGenerateContentRequest(openAI: ChatCompletionRequest(gemini: original, model: "m", stream: false))
        #expect(back == original)
    }

    @Test func openAIToGeminiToOpenAIKeepsToolCallsAndSignatures() throws {
        let original = try J.decode(ChatCompletionRequest.self, Self.openAIConversation)
        let back = try ChatCompletionRequest(gemini: GeminiGenerateContentRequest(openAI: original), model: "gemini-2.5-pro", stream: false)
        let calls = try #require(back.messages[2].toolCalls)
        #expect(calls.map(\.function.name) == ["get_weather", "get_weather"])
        #expect(calls.map(\.function.arguments) == [#"{"city":"Paris"}"#, "{}"])
        #expect(calls[0].extra == original.messages[3].toolCalls?[0].extra)
        #expect(back.messages[3].toolCallID == calls[0].id)
        #expect(back.messages[4].toolCallID == calls[1].id)
        #expect(back.messages.last?.extra == original.messages.last?.extra)
    }
}
