import Foundation
import Testing

@testable import SwitchyardCore

/// Responses requests (with stored history) as the chat requests sent to providers, golden.
@Suite struct ResponsesRequestTranslationTests {
    typealias F = ResponsesFixtures
    typealias J = AnthropicFixtures

    private static func chat(_ json: String, history: [ResponseItem] = [], drop: Bool = false) throws -> JSONValue {
        try J.wire(ChatCompletionRequest(responses: F.request(json), history: history, dropUnsupported: drop))
    }

    private static func refusal(_ json: String, history: [ResponseItem] = []) throws -> GatewayError? {
        let request = try F.request(json)
        do {
            _ = try ChatCompletionRequest(responses: request, history: history, dropUnsupported: false)
            return nil
        } catch {
            return error
        }
    }

    @Test func instructionsLeadAndDeveloperBecomesSystem() throws {
        #expect(try Self.chat(F.easyMessages) == J.json(#"""
            {"model": "gpt-4.1", "messages": [
              {"role": "system", "content": "Talk like a pirate."},
              {"role": "system", "content": "Answer in one sentence."},
              {"role": "user", "content": "Are semicolons optional in JavaScript?"}
            ]}
            """#))
    }

    @Test func historyComesBetweenInstructionsAndInput() throws {
        let history: [ResponseItem] = [
            .message(ResponseMessage(role: .user, content: .text("Hi"))),
            .message(ResponseMessage(id: "msg_1", role: .assistant, content: .parts([.outputText(.init(text: "Hello"))]), status: .completed)),
        ]
        let json = #"{"model": "m", "instructions": "Be brief.", "input": "Again", "previous_response_id": "resp_1"}"#
        #expect(try Self.chat(json, history: history) == J.json(#"""
            {"model": "m", "messages": [
              {"role": "system", "content": "Be brief."},
              {"role": "user", "content": "Hi"},
              {"role": "assistant", "content": "Hello"},
              {"role": "user", "content": "Again"}
            ]}
            """#))
    }

    @Test func functionCallsMergeAndOutputsBecomeToolMessages() throws {
        #expect(try Self.chat(F.functionCallRound) == J.json(#"""
            {"model": "gpt-4.1",
             "messages": [
              {"role": "user", "content": "What is the weather like in Paris and Bogotá today?"},
              {"role": "assistant", "content": null, "tool_calls": [
                {"id": "call_12345xyz", "type": "function", "function": {"name": "get_weather", "arguments": "{\"location\":\"Paris, France\"}"}},
                {"id": "call_67890abc", "type": "function", "function": {"name": "get_weather", "arguments": "{\"location\":\"Bogotá, Colombia\"}"}}
              ]},
              {"role": "tool", "tool_call_id": "call_12345xyz", "content": "{\"temperature\": 14}"},
              {"role": "tool", "tool_call_id": "call_67890abc", "content": "{\"temperature\": 18}"}
             ],
             "tools": [{"type": "function", "function": {
               "name": "get_weather",
               "description": "Get current temperature for a given location.",
               "parameters": {"type": "object", "properties": {"location": {"type": "string", "description": "City and country e.g. Bogotá, Colombia"}}, "required": ["location"], "additionalProperties": false},
               "strict": true}}],
             "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
             "parallel_tool_calls": true
            }
            """#))
    }

    @Test func anAssistantMessageJoinsTheCallsAfterIt() throws {
        let json = #"""
            {"model": "m", "input": [
              {"role": "user", "content": "Weather?"},
              {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Let me check.", "annotations": []}]},
              {"type": "function_call", "call_id": "call_a", "name": "w", "arguments": "{}"},
              {"type": "function_call_output", "call_id": "call_a", "output": [{"type": "input_text", "text": "sunny"}, {"type": "input_image", "image_url": "https://example.com/sky.png"}]},
              {"type": "function_call", "call_id": "call_b", "name": "w", "arguments": "{}"}
            ]}
            """#
        #expect(try Self.chat(json) == J.json(#"""
            {"model": "m", "messages": [
              {"role": "user", "content": "Weather?"},
              {"role": "assistant", "content": "Let me check.", "tool_calls": [{"id": "call_a", "type": "function", "function": {"name": "w", "arguments": "{}"}}]},
              {"role": "tool", "tool_call_id": "call_a", "content": [{"type": "text", "text": "sunny"}, {"type": "image_url", "image_url": {"url": "https://example.com/sky.png"}}]},
              {"role": "assistant", "content": null, "tool_calls": [{"id": "call_b", "type": "function", "function": {"name": "w", "arguments": "{}"}}]}
            ]}
            """#))
    }

    @Test func reasoningGoesToTheNextAssistantMessageWithEffortAndLimit() throws {
        #expect(try Self.chat(F.reasoningRound) == J.json(#"""
            {"model": "o4-mini",
             "messages": [
              {"role": "user", "content": [{"type": "text", "text": "Which is larger, 9.11 or 9.8?"}]},
              {"role": "assistant", "content": "9.8 is larger.", "reasoning_content": "**Comparing decimals**\n\nTenths decide it."},
              {"role": "user", "content": "Why?"}
             ],
             "reasoning_effort": "high",
             "max_completion_tokens": 300
            }
            """#))
        let dangling = #"""
            {"model": "m", "input": [
              {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "thinking"}]},
              {"role": "user", "content": "Hi"}
            ]}
            """#
        #expect(try Self.chat(dangling) == J.json(#"{"model": "m", "messages": [{"role": "user", "content": "Hi"}]}"#))
        let twoBeforeACall = #"""
            {"model": "m", "input": [
              {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "first"}]},
              {"type": "reasoning", "id": "rs_2", "summary": [{"type": "summary_text", "text": "second"}]},
              {"type": "function_call", "call_id": "call_1", "name": "f", "arguments": "{}"}
            ]}
            """#
        #expect(try Self.chat(twoBeforeACall) == J.json(#"""
            {"model": "m", "messages": [{"role": "assistant", "content": null, "reasoning_content": "first\n\nsecond",
              "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]}]}
            """#))
    }

    @Test func imagesAndFilesBecomeChatParts() throws {
        #expect(try Self.chat(F.imageAndFile) == J.json(#"""
            {"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": [
              {"type": "text", "text": "what's in this image and this file?"},
              {"type": "image_url", "image_url": {"url": "https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg", "detail": "low"}},
              {"type": "file", "file": {"file_id": "file-6F2ksmvXxt4VdoqmHRw6kL"}},
              {"type": "file", "file": {"filename": "draconomicon.pdf", "file_data": "data:application/pdf;base64,JVBERi0xLjQK"}}
            ]}]}
            """#))
    }

    @Test func aJSONSchemaFormatNestsAndStreamingAsksForUsage() throws {
        #expect(try Self.chat(F.jsonSchema) == J.json(#"""
            {"model": "gpt-4o-2024-08-06",
             "messages": [
              {"role": "system", "content": "Extract the event information."},
              {"role": "user", "content": "Alice and Bob are going to a science fair on Friday."}
             ],
             "response_format": {"type": "json_schema", "json_schema": {
               "name": "calendar_event",
               "description": "An event on a calendar.",
               "schema": {"type": "object", "properties": {"name": {"type": "string"}, "date": {"type": "string"}, "participants": {"type": "array", "items": {"type": "string"}}}, "required": ["name", "date", "participants"], "additionalProperties": false},
               "strict": true}},
             "temperature": 0.2,
             "top_p": 0.9,
             "user": "user-1234",
             "stream": true,
             "stream_options": {"include_usage": true}
            }
            """#))
        let jsonMode = #"{"model": "m", "input": "x", "text": {"format": {"type": "json_object"}}, "tool_choice": "required"}"#
        #expect(try Self.chat(jsonMode) == J.json(#"{"model": "m", "messages": [{"role": "user", "content": "x"}], "response_format": {"type": "json_object"}, "tool_choice": "required"}"#))
    }

    @Test func aBuiltInToolIsRefusedByNameOrDropped() throws {
        let error = try #require(try Self.refusal(F.builtInTool))
        #expect(error.status == 400)
        #expect(error.param == "tools")
        #expect(error.message.contains("`web_search_preview`"))
        #expect(try Self.chat(F.builtInTool, drop: true) == J.json(#"""
            {"model": "gpt-4.1", "messages": [{"role": "user", "content": "What was a positive news story from today?"}],
             "tools": [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}]}
            """#))
        let choice = #"{"model": "m", "input": "x", "tool_choice": {"type": "web_search_preview"}}"#
        #expect(try Self.refusal(choice)?.param == "tool_choice")
    }

    @Test func unknownItemsAreRefusedWhereTheyAreOrDropped() throws {
        let error = try #require(try Self.refusal(F.unknownItem))
        #expect(error.status == 400)
        #expect(error.param == "input[1]")
        #expect(error.message.contains("`web_search_call`"))
        #expect(try Self.chat(F.unknownItem, drop: true) == J.json(#"{"model": "gpt-4.1", "messages": [{"role": "user", "content": "Search the web."}]}"#))
        let fromHistory = try #require(try Self.refusal(F.stringInput, history: [.other(["type": "image_generation_call", "id": "ig_1"])]))
        #expect(fromHistory.param == "previous_response_id[0]")
        let byURL = #"{"model": "m", "input": [{"role": "user", "content": [{"type": "input_file", "file_url": "https://example.com/a.pdf"}]}]}"#
        #expect(try Self.refusal(byURL)?.param == "input[0].content[0]")
    }
}
