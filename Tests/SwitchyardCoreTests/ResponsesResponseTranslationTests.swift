import Foundation
import Testing

@testable import SwitchyardCore

/// Chat answers as Responses objects, golden.
@Suite struct ResponsesResponseTranslationTests {
    typealias F = ResponsesFixtures
    typealias J = AnthropicFixtures

    static let id = "resp_0a1b2c"
    static let ids = ResponseItemIDs(responseID: id)

    private static func answer(_ message: ChatMessage, finish: FinishReason? = .stop, usage: Usage? = nil) -> ChatCompletionResponse {
        ChatCompletionResponse(
            id: "chatcmpl-1", created: 1, model: "claude-sonnet-4-5-20250929",
            choices: [ChatChoice(index: 0, message: message, finishReason: finish)], usage: usage
        )
    }

    private static func response(_ chat: ChatCompletionResponse, request: String = F.stringInput) throws -> ResponseObject {
        ResponseObject(chat: chat, request: try F.request(request), id: id, createdAt: 1_741_476_542, itemIDs: ids)
    }

    @Test func aTextAnswerIsTheWholeDocumentedObject() throws {
        let chat = Self.answer(
            ChatMessage(role: .assistant, content: "In a peaceful grove beneath a silver moon..."),
            usage: Usage(promptTokens: 36, completionTokens: 87)
        )
        let response = try Self.response(chat)
        #expect(response.outputText == "In a peaceful grove beneath a silver moon...")
        #expect(try J.wire(response) == J.json(#"""
            {
              "id": "resp_0a1b2c", "object": "response", "created_at": 1741476542, "status": "completed",
              "error": null, "incomplete_details": null, "instructions": null, "max_output_tokens": null,
              "model": "gpt-4.1",
              "output": [{"type": "message", "id": "msg_0a1b2c_0", "status": "completed", "role": "assistant",
                          "content": [{"type": "output_text", "text": "In a peaceful grove beneath a silver moon...", "annotations": []}]}],
              "parallel_tool_calls": true, "previous_response_id": null,
              "reasoning": {"effort": null, "summary": null}, "store": true, "temperature": 1,
              "text": {"format": {"type": "text"}}, "tool_choice": "auto", "tools": [], "top_p": 1,
              "truncation": "disabled",
              "usage": {"input_tokens": 36, "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0}, "output_tokens": 87,
                        "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 123},
              "user": null, "metadata": {}
            }
            """#))
    }

    @Test func twoParallelToolCallsAreTwoItems() throws {
        let message = ChatMessage(role: .assistant, toolCalls: [
            ToolCall(id: "call_DdmO9pD3xa9XTPNJ32zg2hcA", function: .init(name: "get_weather", arguments: #"{"location":"Paris, France"}"#)),
            ToolCall(id: "call_ABPZ7GuLqO0uR5Jx1vVwA7fN", function: .init(name: "get_weather", arguments: #"{"location":"Bogotá, Colombia"}"#)),
        ])
        let response = try Self.response(Self.answer(message, finish: .toolCalls), request: F.functionCallRound)
        #expect(try J.wire(response.output) == J.json(#"""
            [
              {"type": "function_call", "id": "fc_0a1b2c_0", "call_id": "call_DdmO9pD3xa9XTPNJ32zg2hcA", "name": "get_weather", "arguments": "{\"location\":\"Paris, France\"}", "status": "completed"},
              {"type": "function_call", "id": "fc_0a1b2c_1", "call_id": "call_ABPZ7GuLqO0uR5Jx1vVwA7fN", "name": "get_weather", "arguments": "{\"location\":\"Bogotá, Colombia\"}", "status": "completed"}
            ]
            """#))
        #expect(response.status == .completed)
        #expect(response.outputText == "")
        // The request's settings are echoed, tools in their Responses shape.
        let wire = try J.wire(response)
        #expect(wire["tool_choice"] == ["type": "function", "name": "get_weather"])
        #expect(wire["tools"]?.arrayValue?.first?["name"] == "get_weather")
        #expect(wire["tools"]?.arrayValue?.first?["type"] == "function")
    }

    @Test func reasoningComesFirstAndTokensAreDetailed() throws {
        let message = ChatMessage(role: .assistant, content: "9.8 is larger.", reasoningContent: "Compare tenths: 8 > 1.")
        let usage = Usage(
            promptTokens: 15, completionTokens: 120,
            promptTokensDetails: .init(cachedTokens: 4),
            completionTokensDetails: .init(reasoningTokens: 98),
            extra: ["cache_creation_input_tokens": 2]
        )
        let response = try Self.response(Self.answer(message, usage: usage), request: F.reasoningRound)
        #expect(try J.wire(response.output) == J.json(#"""
            [
              {"type": "reasoning", "id": "rs_0a1b2c_0", "summary": [{"type": "summary_text", "text": "Compare tenths: 8 > 1."}]},
              {"type": "message", "id": "msg_0a1b2c_1", "status": "completed", "role": "assistant", "content": [{"type": "output_text", "text": "9.8 is larger.", "annotations": []}]}
            ]
            """#))
        #expect(try J.wire(response.usage) == J.json(#"{"input_tokens": 15, "input_tokens_details": {"cached_tokens": 4, "cache_write_tokens": 2}, "output_tokens": 120, "output_tokens_details": {"reasoning_tokens": 98}, "total_tokens": 135}"#))
        #expect(response.reasoning == ResponsesReasoning(effort: .high, summary: "auto"))
        #expect(response.maxOutputTokens == 300)
    }

    @Test func lengthAndContentFilterAreIncomplete() throws {
        let cut = try Self.response(Self.answer(ChatMessage(role: .assistant, content: "Once upon"), finish: .length))
        #expect(cut.status == .incomplete)
        #expect(cut.incompleteDetails == ResponseIncompleteDetails(reason: "max_output_tokens"))
        guard case .message(let message) = cut.output.last else { Issue.record("expected a message"); return }
        #expect(message.status == .incomplete)
        let filtered = try Self.response(Self.answer(ChatMessage(role: .assistant, content: "x"), finish: .contentFilter))
        #expect(filtered.status == .incomplete)
        #expect(try J.wire(filtered)["incomplete_details"] == ["reason": "content_filter"])
    }

    @Test func aRefusalIsARefusalPart() throws {
        let response = try Self.response(Self.answer(ChatMessage(role: .assistant, refusal: "I can't help with that.")))
        guard case .message(let message) = response.output.first else { Issue.record("expected a message"); return }
        #expect(message.content == .parts([.refusal("I can't help with that.")]))
    }

    @Test func requestSettingsAreEchoed() throws {
        let json = #"""
            {"model": "my-alias", "input": "x", "instructions": "Be brief.", "temperature": 0.3, "top_p": 0.5,
             "store": false, "metadata": {"k": "v"}, "previous_response_id": "resp_prev", "truncation": "auto",
             "parallel_tool_calls": false, "user": "u1", "tool_choice": "none",
             "text": {"format": {"type": "json_object"}, "verbosity": "low"}}
            """#
        let response = try Self.response(Self.answer(ChatMessage(role: .assistant, content: "{}")), request: json)
        let wire = try J.wire(response)
        #expect(wire["model"] == "my-alias")
        #expect(wire["instructions"] == "Be brief.")
        #expect(wire["temperature"] == 0.3 && wire["top_p"] == 0.5)
        #expect(wire["store"] == false && wire["metadata"] == ["k": "v"])
        #expect(wire["previous_response_id"] == "resp_prev" && wire["truncation"] == "auto")
        #expect(wire["parallel_tool_calls"] == false && wire["user"] == "u1" && wire["tool_choice"] == "none")
        #expect(wire["text"] == ["format": ["type": "json_object"], "verbosity": "low"])
        #expect(wire["usage"] == .null)
    }

    @Test func aGatewayErrorBecomesAResponseError() {
        #expect(ResponseError(GatewayError(.rateLimited, "Slow down")) == ResponseError(code: "rate_limit_exceeded", message: "Slow down"))
        #expect(ResponseError(GatewayError(.upstreamUnavailable, "gone")) == ResponseError(code: "server_error", message: "gone"))
        #expect(ResponseError(GatewayError(.timeout, "late", code: "upstream_timeout")).code == "upstream_timeout")
    }
}
