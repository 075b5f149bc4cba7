import Foundation
import Testing

@testable import SwitchyardCore

/// Requests and responses between Anthropic's Messages API and the OpenAI pivot, both ways.
@Suite struct AnthropicTranslationTests {
    typealias F = AnthropicFixtures

    private static func pivot(_ json: String, drop: Bool = false) throws -> ChatCompletionRequest {
        try ChatCompletionRequest(anthropic: F.decode(AnthropicMessagesRequest.self, json), dropUnsupported: drop)
    }

    private static func openAI(_ json: String) throws -> ChatCompletionRequest {
        try F.decode(ChatCompletionRequest.self, json)
    }

    private static func anthropic(_ json: String, drop: Bool = false, defaultMaxTokens: Int = 4096) throws -> AnthropicMessagesRequest {
        try AnthropicMessagesRequest(openAI: openAI(json), defaultMaxTokens: defaultMaxTokens, dropUnsupported: drop)
    }

    @Test func audioIsRefusedWithAnInstructionToTranscribeEvenWhenDroppingUnsupportedContent() throws {
        let json = #"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"what is said?"},{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}]}"#
        for drop in [false, true] {
            do {
                _ = try Self.anthropic(json, drop: drop)
                Issue.record("expected audio_not_supported_by_model")
            } catch let error as GatewayError {
                #expect(error.status == 400)
                #expect(error.code == "audio_not_supported_by_model")
                #expect(error.param == "messages[0].content[1]")
                #expect(error.message.contains("/v1/audio/transcriptions"))
            }
        }
    }

    /// Expects a 400 that names `param`.
    private static func expectInvalid(_ param: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected a 400 for \(param)")
        } catch let error as GatewayError {
            #expect(error.kind == .invalidRequest)
            #expect(error.param == param)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    // MARK: Anthropic client → OpenAI pivot

    @Test func toolConversationBecomesToolCallsAndToolMessages() throws {
        let chat = try Self.pivot(F.toolUseConversation)
        #expect(chat.model == "claude-opus-4-1")
        #expect(chat.maxTokens == 1024)
        #expect(chat.messages.map(\.role) == [.user, .assistant, .tool])
        #expect(chat.messages[0].content == .text("What is the weather like in San Francisco?"))
        let assistant = chat.messages[1]
        #expect(assistant.content == .text("<thinking>I need to use get_weather, and the user wants SF, which is likely San Francisco, CA.</thinking>"))
        #expect(assistant.toolCalls == [
            ToolCall(id: "toolu_01A09q90qw90lq917835lq9", function: .init(name: "get_weather", arguments: #"{"location":"San Francisco, CA","unit":"celsius"}"#)),
        ])
        #expect(chat.messages[2].toolCallID == "toolu_01A09q90qw90lq917835lq9")
        #expect(chat.messages[2].content == .text("15 degrees"))
        let tool = try #require(chat.tools?.first)
        #expect(tool.function.name == "get_weather")
        #expect(tool.function.parameters?["required"] == ["location"])
    }

    @Test func toolResultsComeBeforeTheUserTextOfTheirMessage() throws {
        let chat = try Self.pivot(#"""
            {"model": "m", "max_tokens": 10, "messages": [
              {"role": "user", "content": "Weather in Paris and Rome?"},
              {"role": "assistant", "content": [
                {"type": "tool_use", "id": "t1", "name": "w", "input": {"city": "Paris"}},
                {"type": "tool_use", "id": "t2", "name": "w", "input": {"city": "Rome"}}
              ]},
              {"role": "user", "content": [
                {"type": "text", "text": "Here you go."},
                {"type": "tool_result", "tool_use_id": "t1", "content": [{"type": "text", "text": "20C"}], "is_error": false},
                {"type": "tool_result", "tool_use_id": "t2", "content": "error: timeout", "is_error": true}
              ]}
            ], "tools": [{"name": "w", "input_schema": {"type": "object"}}]}
            """#)
        #expect(chat.messages.map(\.role) == [.user, .assistant, .tool, .tool, .user])
        #expect(chat.messages[1].content == nil)
        #expect(chat.messages[2].toolCallID == "t1")
        #expect(chat.messages[2].content == .text("20C"))
        #expect(chat.messages[2].extra["is_error"] == false)
        #expect(chat.messages[3].extra["is_error"] == true)
        #expect(chat.messages[4].content == .parts([.text("Here you go.")]))
    }

    @Test func imagesBecomeDataAndHTTPURLs() throws {
        let chat = try Self.pivot(F.visionRequest)
        guard case .parts(let parts)? = chat.messages[0].content else {
            Issue.record("expected parts")
            return
        }
        #expect(parts == [
            .imageURL(.init(url: "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==")),
            .imageURL(.init(url: "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg")),
            .text("Describe these images."),
        ])
    }

    @Test func thinkingSystemBlocksAndCacheControlSurviveInExtras() throws {
        let chat = try Self.pivot(F.thinkingToolConversation)
        #expect(chat.reasoningEffort == .high)
        #expect(chat.extra["thinking"] == ["type": "enabled", "budget_tokens": 10000])
        #expect(chat.messages[0].role == .system)
        #expect(chat.messages[0].content == .parts([
            .text("You are a weather assistant."),
            .text("Long reference material…", extra: ["cache_control": ["type": "ephemeral"]]),
        ]))
        #expect(chat.tools?.first?.extra == ["cache_control": ["type": "ephemeral"]])
        let assistant = chat.messages[2]
        #expect(assistant.reasoningContent == "The user wants to know the current weather in Paris. I have access to a function `get_weather`...")
        let blocks = try #require(assistant.extra["thinking_blocks"]?.arrayValue)
        #expect(blocks.count == 1)
        #expect(blocks[0]["type"] == "thinking")
        #expect(blocks[0]["signature"]?.stringValue?.hasPrefix("BDaL4VrbR2Oj0hO4") == true)
        #expect(chat.messages[3].extra["cache_control"] == ["type": "ephemeral"])
        let stripped = chat.removingAnthropicExtensions()
        #expect(stripped.extra.isEmpty)
        #expect(stripped.messages[2].extra.isEmpty && stripped.messages[3].extra.isEmpty)
        #expect(stripped.messages[0].content == .parts([.text("You are a weather assistant."), .text("Long reference material…")]))
        #expect(stripped.tools?.first?.extra.isEmpty == true)
    }

    @Test(arguments: [(1024, ReasoningEffort.low), (1025, .medium), (8192, .medium), (8193, .high), (32000, .high)])
    func thinkingBudgetsMapToEfforts(budget: Int, effort: ReasoningEffort) {
        #expect(ChatCompletionRequest.reasoningEffort(forBudget: budget) == effort)
    }

    @Test func samplingStopMetadataAndStreamMap() throws {
        let chat = try Self.pivot(#"""
            {"model": "m", "max_tokens": 300, "temperature": 0.2, "top_p": 0.8, "top_k": 5,
             "stop_sequences": ["END", "STOP"], "metadata": {"user_id": "u-42"}, "stream": true,
             "messages": [{"role": "user", "content": "Hi"}]}
            """#)
        #expect(chat.maxTokens == 300)
        #expect(chat.temperature == 0.2)
        #expect(chat.topP == 0.8)
        #expect(chat.extra["top_k"] == 5)
        #expect(chat.stop == ["END", "STOP"])
        #expect(chat.user == "u-42")
        #expect(chat.stream == true)
        #expect(chat.streamOptions?.includeUsage == true)
        #expect(chat.removingAnthropicExtensions().extra["top_k"] == nil)
    }

    @Test(arguments: [
        (#"{"type": "auto"}"#, ToolChoice.auto, nil as Bool?),
        (#"{"type": "any"}"#, .required, nil),
        (#"{"type": "tool", "name": "w"}"#, .function(name: "w"), nil),
        (#"{"type": "none"}"#, ToolChoice.none, nil),
        (#"{"type": "auto", "disable_parallel_tool_use": true}"#, .auto, false),
    ])
    func toolChoicesMap(choice: String, expected: ToolChoice, parallel: Bool?) throws {
        let chat = try Self.pivot(#"{"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": "x"}], "tools": [{"name": "w", "input_schema": {"type": "object"}}], "tool_choice": \#(choice)}"#)
        #expect(chat.toolChoice == expected)
        #expect(chat.parallelToolCalls == parallel)
    }

    @Test func serverToolsAreRejectedUnlessDropped() throws {
        let json = #"{"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": "x"}], "tools": [{"name": "w", "input_schema": {"type": "object"}}, {"type": "web_search_20250305", "name": "web_search"}]}"#
        Self.expectInvalid("tools[1]") { _ = try Self.pivot(json) }
        #expect(try Self.pivot(json, drop: true).tools?.map(\.function.name) == ["w"])
    }

    @Test func unsupportedBlocksNameTheirPlace() throws {
        let imageInToolResult = #"{"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": [{"type": "image", "source": {"type": "url", "url": "https://x/y.png"}}]}]}]}"#
        Self.expectInvalid("messages[0].content[0].content[0]") { _ = try Self.pivot(imageInToolResult) }
        let urlDocument = #"{"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": [{"type": "document", "source": {"type": "url", "url": "https://x/y.pdf"}}, {"type": "text", "text": "Read"}]}]}"#
        Self.expectInvalid("messages[0].content[0].source") { _ = try Self.pivot(urlDocument) }
        #expect(try Self.pivot(urlDocument, drop: true).messages[0].content == .parts([.text("Read")]))
        let pdf = #"{"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": [{"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0x"}, "title": "a.pdf"}]}]}"#
        #expect(try Self.pivot(pdf).messages[0].content == .parts([.file(.init(fileData: "data:application/pdf;base64,JVBERi0x", filename: "a.pdf"))]))
    }

    // MARK: OpenAI pivot → Anthropic provider

    @Test func systemAndDeveloperMessagesJoinTheSystemPrompt() throws {
        let request = try Self.anthropic(#"""
            {"model": "claude", "messages": [
              {"role": "system", "content": "Be brief."},
              {"role": "developer", "content": [{"type": "text", "text": "Use metric.", "cache_control": {"type": "ephemeral"}}]},
              {"role": "user", "content": "Hi"}
            ]}
            """#)
        #expect(request.system == .blocks([.text("Be brief."), .text(AnthropicTextBlock(text: "Use metric.", extra: ["cache_control": ["type": "ephemeral"]]))]))
        #expect(request.messages == [AnthropicMessage(role: .user, content: "Hi")])
        #expect(request.maxTokens == 4096)
        let single = try Self.anthropic(#"{"model": "c", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]}"#)
        #expect(single.system == .text("Be brief."))
    }

    @Test func consecutiveRolesMergeAndToolMessagesBecomeOneUserTurn() throws {
        let request = try Self.anthropic(#"""
            {"model": "claude", "messages": [
              {"role": "user", "content": "Weather?"},
              {"role": "user", "content": "In Paris and Rome."},
              {"role": "assistant", "content": null, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "w", "arguments": "{\"city\": \"Paris\"}"}},
                {"id": "call_2", "type": "function", "function": {"name": "w", "arguments": ""}}
              ]},
              {"role": "tool", "tool_call_id": "call_1", "content": "20C"},
              {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "25C"}]},
              {"role": "user", "content": "Thanks, which is warmer?"}
            ], "tools": [{"type": "function", "function": {"name": "w", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]}
            """#)
        #expect(request.messages.map(\.role) == [.user, .assistant, .user])
        #expect(request.messages[0].content == .blocks([.text("Weather?"), .text("In Paris and Rome.")]))
        #expect(request.messages[1].content == .blocks([
            .toolUse(AnthropicToolUseBlock(id: "call_1", name: "w", input: ["city": "Paris"])),
            .toolUse(AnthropicToolUseBlock(id: "call_2", name: "w", input: [:])),
        ]))
        #expect(request.messages[2].content == .blocks([
            .toolResult(AnthropicToolResultBlock(toolUseID: "call_1", content: .text("20C"))),
            .toolResult(AnthropicToolResultBlock(toolUseID: "call_2", content: .blocks([.text("25C")]))),
            .text("Thanks, which is warmer?"),
        ]))
    }

    @Test func aConversationMustStartWithTheUser() throws {
        let json = #"{"model": "c", "messages": [{"role": "system", "content": "s"}, {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "Hi"}]}"#
        Self.expectInvalid("messages") { _ = try Self.anthropic(json) }
        let dropped = try Self.anthropic(json, drop: true)
        #expect(dropped.messages.map(\.role) == [.user, .assistant, .user])
        #expect(dropped.messages[0].content == .text("."))
        Self.expectInvalid("messages") { _ = try Self.anthropic(#"{"model": "c", "messages": [{"role": "system", "content": "s"}]}"#) }
    }

    @Test func invalidToolArgumentsNameTheMessage() {
        Self.expectInvalid("messages[1].tool_calls[0].function.arguments") {
            _ = try Self.anthropic(#"""
                {"model": "c", "messages": [
                  {"role": "user", "content": "x"},
                  {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{\"city\": "}}]}
                ], "tools": [{"type": "function", "function": {"name": "w"}}]}
                """#, drop: true)
        }
        Self.expectInvalid("messages[0].tool_call_id") {
            _ = try Self.anthropic(#"{"model": "c", "messages": [{"role": "tool", "content": "x"}]}"#)
        }
    }

    @Test func imageURLsBecomeBase64OrURLSources() throws {
        let request = try Self.anthropic(#"""
            {"model": "c", "messages": [{"role": "user", "content": [
              {"type": "text", "text": "Compare"},
              {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "high"}},
              {"type": "image_url", "image_url": {"url": "https://example.com/cat.webp"}, "cache_control": {"type": "ephemeral"}},
              {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBERi0x", "filename": "spec.pdf"}}
            ]}]}
            """#)
        let blocks = request.messages[0].content.blocks
        #expect(blocks[1] == .image(AnthropicImageBlock(source: .base64(mediaType: "image/png", data: "iVBORw0KGgo="))))
        #expect(blocks[2] == .image(AnthropicImageBlock(source: .url("https://example.com/cat.webp"), extra: ["cache_control": ["type": "ephemeral"]])))
        #expect(blocks[3] == .document(["type": "document", "title": "spec.pdf", "source": ["type": "base64", "media_type": "application/pdf", "data": "JVBERi0x"]]))
        Self.expectInvalid("messages[0].content[0].image_url.url") {
            _ = try Self.anthropic(#"{"model": "c", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "ftp://x"}}]}]}"#)
        }
        Self.expectInvalid("messages[0].content[0]") {
            _ = try Self.anthropic(#"{"model": "c", "messages": [{"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "AAA", "format": "wav"}}]}]}"#)
        }
    }

    @Test func signedThinkingLeadsTheAssistantTurnAndUnsignedReasoningIsLeftOut() throws {
        let request = try Self.anthropic(#"""
            {"model": "c", "messages": [
              {"role": "user", "content": "x"},
              {"role": "assistant", "content": "Answer", "reasoning_content": "hmm",
               "thinking_blocks": [{"type": "thinking", "thinking": "hmm", "signature": "sig=="}, {"type": "redacted_thinking", "data": "enc"}]},
              {"role": "user", "content": "y"},
              {"role": "assistant", "content": "Other", "reasoning_content": "unsigned"}
            ]}
            """#)
        #expect(request.messages[1].content == .blocks([
            .thinking(AnthropicThinkingBlock(thinking: "hmm", signature: "sig==")),
            .redactedThinking(AnthropicRedactedThinkingBlock(data: "enc")),
            .text("Answer"),
        ]))
        #expect(request.messages[3].content == .text("Other"))
    }

    @Test func maxTokensStopAndUserMap() throws {
        let request = try Self.anthropic(#"{"model": "c", "max_tokens": 50, "max_completion_tokens": 70, "stop": "END", "user": "u-1", "top_p": 0.5, "temperature": 0.7, "stream": true, "messages": [{"role": "user", "content": "x"}]}"#)
        #expect(request.maxTokens == 70)
        #expect(request.stopSequences == ["END"])
        #expect(request.metadata?.userID == "u-1")
        #expect(request.topP == 0.5)
        #expect(request.temperature == 0.7)
        #expect(request.stream == true)
        #expect(try Self.anthropic(#"{"model": "c", "max_tokens": 50, "messages": [{"role": "user", "content": "x"}]}"#).maxTokens == 50)
        #expect(try Self.anthropic(#"{"model": "c", "messages": [{"role": "user", "content": "x"}]}"#, defaultMaxTokens: 1234).maxTokens == 1234)
    }

    @Test func temperatureAboveOneIsRejectedOrClamped() throws {
        let json = #"{"model": "c", "temperature": 1.5, "messages": [{"role": "user", "content": "x"}]}"#
        Self.expectInvalid("temperature") { _ = try Self.anthropic(json) }
        #expect(try Self.anthropic(json, drop: true).temperature == 1)
    }

    @Test(arguments: [
        (#""n": 2"#, "n"), (#""logprobs": true"#, "logprobs"), (#""top_logprobs": 2"#, "top_logprobs"),
        (#""logit_bias": {"50256": -100}"#, "logit_bias"), (#""presence_penalty": 0.5"#, "presence_penalty"),
        (#""frequency_penalty": 0.5"#, "frequency_penalty"), (#""seed": 7"#, "seed"),
    ])
    func openAIOnlySamplingIsRejectedUnlessDropped(member: String, param: String) throws {
        let json = #"{"model": "c", \#(member), "messages": [{"role": "user", "content": "x"}]}"#
        Self.expectInvalid(param) { _ = try Self.anthropic(json) }
        #expect(try Self.anthropic(json, drop: true).messages.count == 1)
    }

    @Test func toolsAndToolChoicesMap() throws {
        let base = #"{"model": "c", "messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function", "function": {"name": "w", "description": "Weather", "parameters": {"type": "object", "properties": {}}, "strict": true}, "cache_control": {"type": "ephemeral"}}]"#
        let request = try Self.anthropic(base + #", "tool_choice": "required", "parallel_tool_calls": false}"#)
        #expect(request.tools == [.custom(AnthropicCustomTool(name: "w", description: "Weather", inputSchema: ["type": "object", "properties": [:]], extra: ["cache_control": ["type": "ephemeral"], "strict": true]))])
        #expect(request.toolChoice == AnthropicToolChoice(.any, disableParallelToolUse: true))
        #expect(try Self.anthropic(base + #", "tool_choice": {"type": "function", "function": {"name": "w"}}}"#).toolChoice == AnthropicToolChoice(.tool(name: "w")))
        #expect(try Self.anthropic(base + #", "tool_choice": "none"}"#).toolChoice == AnthropicToolChoice(.none))
        #expect(try Self.anthropic(base + #", "parallel_tool_calls": false}"#).toolChoice == AnthropicToolChoice(.auto, disableParallelToolUse: true))
        #expect(try Self.anthropic(base + "}").toolChoice == nil)
    }

    @Test func toolBlocksNeedTools() throws {
        let json = #"""
            {"model": "c", "messages": [
              {"role": "user", "content": "x"},
              {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{}"}}]},
              {"role": "tool", "tool_call_id": "c1", "content": "ok"}
            ]}
            """#
        Self.expectInvalid("tools") { _ = try Self.anthropic(json) }
        #expect(try Self.anthropic(json, drop: true).tools?.map(\.name) == ["dummy_tool"])
    }

    @Test func jsonSchemaIsEmulatedWithAForcedTool() throws {
        let request = try Self.anthropic(#"""
            {"model": "c", "messages": [{"role": "user", "content": "Extract."}],
             "response_format": {"type": "json_schema", "json_schema": {"name": "person", "schema": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}, "strict": true}}}
            """#)
        guard case .custom(let tool)? = request.tools?.last else {
            Issue.record("expected the json tool")
            return
        }
        #expect(tool.name == "json_tool_call")
        #expect(tool.inputSchema == ["type": "object", "properties": ["name": ["type": "string"]], "required": ["name"]])
        #expect(request.toolChoice == AnthropicToolChoice(.tool(name: "json_tool_call")))
        #expect(request.usesJSONResponseTool)
        let object = try Self.anthropic(#"{"model": "c", "messages": [{"role": "user", "content": "x"}], "response_format": {"type": "json_object"}}"#)
        guard case .custom(let objectTool)? = object.tools?.first else {
            Issue.record("expected the json tool")
            return
        }
        let permissive: JSONValue = ["type": "object", "additionalProperties": true, "properties": [:]]
        #expect(objectTool.inputSchema == permissive)
        #expect(object.usesJSONResponseTool)
        #expect(try Self.anthropic(#"{"model": "c", "messages": [{"role": "user", "content": "x"}], "response_format": {"type": "text"}}"#).tools == nil)
    }

    @Test(arguments: [(ReasoningEffort.low, 1024), (.minimal, 1024), (.medium, 4096), (.high, 16384)])
    func reasoningEffortBecomesThinking(effort: ReasoningEffort, budget: Int) throws {
        let request = try Self.anthropic(#"{"model": "c", "reasoning_effort": "\#(effort.rawValue)", "messages": [{"role": "user", "content": "x"}]}"#)
        #expect(request.thinking == .enabled(budgetTokens: budget))
        #expect(request.maxTokens > budget)
    }

    @Test func thinkingFitsAnExplicitMaxTokensAndAnthropicsSamplingRules() throws {
        let capped = try Self.anthropic(#"{"model": "c", "reasoning_effort": "high", "max_tokens": 6000, "messages": [{"role": "user", "content": "x"}]}"#)
        #expect(capped.thinking == .enabled(budgetTokens: 3000))
        #expect(capped.maxTokens == 6000)
        Self.expectInvalid("reasoning_effort") {
            _ = try Self.anthropic(#"{"model": "c", "reasoning_effort": "low", "max_tokens": 1024, "messages": [{"role": "user", "content": "x"}]}"#)
        }
        Self.expectInvalid("temperature") {
            _ = try Self.anthropic(#"{"model": "c", "reasoning_effort": "low", "temperature": 0.2, "messages": [{"role": "user", "content": "x"}]}"#)
        }
        let json = try Self.anthropic(#"{"model": "c", "reasoning_effort": "low", "response_format": {"type": "json_object"}, "messages": [{"role": "user", "content": "x"}]}"#)
        #expect(json.toolChoice == AnthropicToolChoice(.auto))
        #expect(try Self.anthropic(#"{"model": "c", "reasoning_effort": "none", "messages": [{"role": "user", "content": "x"}]}"#).thinking == nil)
    }

    @Test func thinkingNeedsTheSignedBlocksOfAnOpenToolCallAndNoForcedTool() throws {
        let openToolCall = #"""
            {"model": "c", "reasoning_effort": "medium", "messages": [
              {"role": "user", "content": "x"},
              {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{}"}}]},
              {"role": "tool", "tool_call_id": "c1", "content": "ok"}
            ], "tools": [{"type": "function", "function": {"name": "w"}}]}
            """#
        Self.expectInvalid("reasoning_effort") { _ = try Self.anthropic(openToolCall) }
        #expect(try Self.anthropic(openToolCall, drop: true).thinking == nil)
        let forced = #"{"model": "c", "reasoning_effort": "low", "tool_choice": "required", "messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function", "function": {"name": "w"}}]}"#
        Self.expectInvalid("tool_choice") { _ = try Self.anthropic(forced) }
        #expect(try Self.anthropic(forced, drop: true).toolChoice == AnthropicToolChoice(.auto))
    }

    @Test func cacheControlOnMessagesAndToolCallsIsCarried() throws {
        let request = try Self.anthropic(#"""
            {"model": "c", "messages": [
              {"role": "user", "content": "Long document…", "cache_control": {"type": "ephemeral"}},
              {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{}"}, "cache_control": {"type": "ephemeral"}}]},
              {"role": "tool", "tool_call_id": "c1", "content": "ok", "cache_control": {"type": "ephemeral", "ttl": "1h"}}
            ], "tools": [{"type": "function", "function": {"name": "w"}}]}
            """#)
        #expect(request.messages[0].content == .blocks([.text(AnthropicTextBlock(text: "Long document…", extra: ["cache_control": ["type": "ephemeral"]]))]))
        #expect(request.messages[1].content.blocks[0].cacheControl == ["type": "ephemeral"])
        #expect(request.messages[2].content.blocks[0].cacheControl == ["type": "ephemeral", "ttl": "1h"])
    }

    // MARK: Round trips

    @Test(arguments: [F.toolUseConversation, F.visionRequest, F.thinkingToolConversation])
    func anthropicToOpenAIToAnthropicKeepsTheConversation(json: String) throws {
        let original = try F.decode(AnthropicMessagesRequest.self, json)
        let pivot = try ChatCompletionRequest(anthropic: original)
        let back = try AnthropicMessagesRequest(openAI: pivot)
        #expect(back == original)
    }

    @Test func roundTripKeepsSamplingStopsAndToolChoice() throws {
        var original = try F.decode(AnthropicMessagesRequest.self, F.toolUseConversation)
        original.temperature = 0.3
        original.topK = 7
        original.stopSequences = ["###"]
        original.metadata = AnthropicMetadata(userID: "user-9")
        original.toolChoice = AnthropicToolChoice(.tool(name: "get_weather"), disableParallelToolUse: true)
        let back = try AnthropicMessagesRequest(openAI: ChatCompletionRequest(anthropic: original))
        #expect(back == original)
    }

    // MARK: Responses

    @Test func anthropicResponseBecomesAChatCompletion() throws {
        let response = try F.decode(AnthropicMessagesResponse.self, F.toolUseResponse)
        let chat = ChatCompletionResponse(anthropic: response, requestedModel: "claude", created: 1_700_000_000)
        #expect(chat.id == "msg_01Aq9w938a90dw8q")
        #expect(chat.model == "claude")
        #expect(chat.created == 1_700_000_000)
        let choice = try #require(chat.choices.first)
        #expect(choice.finishReason == .toolCalls)
        #expect(choice.message.content == .text("I'll check the current weather in San Francisco for you."))
        #expect(choice.message.toolCalls?.first?.function.arguments == #"{"location":"San Francisco, CA","unit":"celsius"}"#)
        #expect(chat.usage == Usage(promptTokens: 410, completionTokens: 70, promptTokensDetails: .init(cachedTokens: 0), extra: ["cache_creation_input_tokens": 0]))
    }

    @Test func thinkingResponseKeepsItsBlocks() throws {
        let response = try F.decode(AnthropicMessagesResponse.self, F.thinkingResponse)
        let chat = ChatCompletionResponse(anthropic: response, created: 0)
        let message = try #require(chat.choices.first?.message)
        #expect(chat.model == "claude-sonnet-4-5")
        #expect(message.reasoningContent == "Let me analyze this step by step...")
        #expect(message.extra["thinking_blocks"]?.arrayValue?.map { $0["type"] } == ["thinking", "redacted_thinking"])
        #expect(message.content == .text("Based on my analysis..."))
        #expect(chat.usage == Usage(promptTokens: 2095, completionTokens: 503))
        let back = AnthropicMessagesResponse(openAI: chat)
        #expect(back.content == response.content)
        #expect(back.usage == response.usage)
    }

    @Test func cachedUsageMapsBothWays() {
        let usage = AnthropicUsage(inputTokens: 20, outputTokens: 5, cacheCreationInputTokens: 1000, cacheReadInputTokens: 3000)
        let openAI = Usage(anthropic: usage)
        #expect(openAI.promptTokens == 4020)
        #expect(openAI.completionTokens == 5)
        #expect(openAI.totalTokens == 4025)
        #expect(openAI.promptTokensDetails?.cachedTokens == 3000)
        #expect(openAI.extra["cache_creation_input_tokens"] == 1000)
        #expect(AnthropicUsage(openAI: openAI) == usage)
    }

    @Test(arguments: [
        (AnthropicStopReason.endTurn, FinishReason.stop), (.stopSequence, .stop), (.pauseTurn, .stop),
        (.maxTokens, .length), (.modelContextWindowExceeded, .length), (.toolUse, .toolCalls), (.refusal, .contentFilter),
    ])
    func stopReasonsMapToFinishReasons(reason: AnthropicStopReason, finish: FinishReason) {
        #expect(FinishReason(anthropic: reason) == finish)
    }

    @Test(arguments: [
        (FinishReason.stop, AnthropicStopReason.endTurn), (.length, .maxTokens), (.toolCalls, .toolUse),
        (.functionCall, .toolUse), (.contentFilter, .refusal), (.other("eos"), .endTurn),
    ])
    func finishReasonsMapToStopReasons(finish: FinishReason, reason: AnthropicStopReason) {
        #expect(AnthropicStopReason(openAI: finish) == reason)
    }

    @Test func jsonModeTurnsTheToolInputIntoContent() throws {
        let response = AnthropicMessagesResponse(
            id: "msg_1", model: "claude", content: [.toolUse(AnthropicToolUseBlock(id: "toolu_1", name: "json_tool_call", input: ["name": "Ada"]))],
            stopReason: .toolUse, usage: AnthropicUsage(inputTokens: 10, outputTokens: 4)
        )
        let chat = ChatCompletionResponse(anthropic: response, created: 0, jsonMode: true)
        #expect(chat.choices[0].message.content == .text(#"{"name":"Ada"}"#))
        #expect(chat.choices[0].message.toolCalls == nil)
        #expect(chat.choices[0].finishReason == .stop)
        #expect(ChatCompletionResponse(anthropic: response, created: 0).choices[0].finishReason == .toolCalls)
    }

    @Test func chatCompletionBecomesAnAnthropicMessage() throws {
        let chat = try F.decode(ChatCompletionResponse.self, #"""
            {"id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o-2024-08-06",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": [
               {"id": "call_a", "type": "function", "function": {"name": "w", "arguments": "{\"city\":\"Paris\"}"}},
               {"id": "call_b", "type": "function", "function": {"name": "w", "arguments": "{not json"}}
             ]}, "finish_reason": "tool_calls"}],
             "usage": {"prompt_tokens": 82, "completion_tokens": 17, "total_tokens": 99, "prompt_tokens_details": {"cached_tokens": 64}}}
            """#)
        let message = AnthropicMessagesResponse(openAI: chat, requestedModel: "claude-via-openai")
        #expect(message.id == "msg_B9MHDbslfkBeAs8l4bebGdFOJ6PeG")
        #expect(message.model == "claude-via-openai")
        #expect(message.stopReason == .toolUse)
        #expect(message.content == [
            .toolUse(AnthropicToolUseBlock(id: "call_a", name: "w", input: ["city": "Paris"])),
            .toolUse(AnthropicToolUseBlock(id: "call_b", name: "w", input: [:])),
        ])
        #expect(message.usage == AnthropicUsage(inputTokens: 18, outputTokens: 17, cacheReadInputTokens: 64))
        #expect(try F.wire(message)["stop_sequence"] == .null)
    }

    @Test func chatCompletionTextAndReasoningBecomeBlocks() throws {
        let chat = ChatCompletionResponse(
            id: "msg_kept", created: 0, model: "deepseek-reasoner",
            choices: [ChatChoice(index: 0, message: ChatMessage(role: .assistant, content: "42", reasoningContent: "Think."), finishReason: .length)]
        )
        let message = AnthropicMessagesResponse(openAI: chat)
        #expect(message.id == "msg_kept")
        #expect(message.content == [.thinking(AnthropicThinkingBlock(thinking: "Think.", signature: "")), .text("42")])
        #expect(message.stopReason == .maxTokens)
        #expect(message.usage == AnthropicUsage(inputTokens: 0, outputTokens: 0))
    }
}
