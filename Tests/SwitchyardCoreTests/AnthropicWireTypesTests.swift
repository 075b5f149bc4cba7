import Foundation
import Testing

@testable import SwitchyardCore

/// Decoding real Anthropic JSON (samples from the Messages API docs), round trips, `extra`,
/// open enums and the stream events.
@Suite struct AnthropicWireTypesTests {
    typealias F = AnthropicFixtures

    // MARK: Requests

    @Test func decodesTheToolUseConversation() throws {
        let request = try F.roundTrip(AnthropicMessagesRequest.self, F.toolUseConversation)
        #expect(request.model == "claude-opus-4-1")
        #expect(request.maxTokens == 1024)
        #expect(request.messages.map(\.role) == [.user, .assistant, .user])
        #expect(request.messages[0].content == .text("What is the weather like in San Francisco?"))
        guard case .custom(let tool)? = request.tools?.first else {
            Issue.record("expected a custom tool")
            return
        }
        #expect(tool.name == "get_weather")
        #expect(tool.type == nil)
        #expect(tool.inputSchema["required"] == ["location"])
        guard case .blocks(let blocks) = request.messages[1].content, case .toolUse(let use) = blocks[1] else {
            Issue.record("expected a tool_use block")
            return
        }
        #expect(use.id == "toolu_01A09q90qw90lq917835lq9")
        #expect(use.input == ["location": "San Francisco, CA", "unit": "celsius"])
        guard case .blocks(let results) = request.messages[2].content, case .toolResult(let result) = results[0] else {
            Issue.record("expected a tool_result block")
            return
        }
        #expect(result.toolUseID == use.id)
        #expect(result.content == .text("15 degrees"))
        #expect(result.isError == nil)
    }

    @Test func decodesImageSources() throws {
        let request = try F.roundTrip(AnthropicMessagesRequest.self, F.visionRequest)
        let blocks = request.messages[0].content.blocks
        #expect(blocks.map(\.type) == ["image", "image", "text"])
        guard case .image(let base64) = blocks[0], case .image(let url) = blocks[1] else {
            Issue.record("expected image blocks")
            return
        }
        #expect(base64.source == .base64(mediaType: "image/jpeg", data: "/9j/4AAQSkZJRgABAQ=="))
        #expect(url.source == .url("https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg"))
    }

    @Test func keepsCacheControlSystemBlocksAndThinking() throws {
        let request = try F.roundTrip(AnthropicMessagesRequest.self, F.thinkingToolConversation)
        #expect(request.thinking == .enabled(budgetTokens: 10000))
        guard case .blocks(let system)? = request.system else {
            Issue.record("expected system blocks")
            return
        }
        #expect(system[0].cacheControl == nil)
        #expect(system[1].cacheControl == ["type": "ephemeral"])
        if case .custom(let tool)? = request.tools?.first {
            #expect(tool.extra["cache_control"] == ["type": "ephemeral"])
        }
        let assistant = request.messages[1].content.blocks
        guard case .thinking(let thinking) = assistant[0] else {
            Issue.record("expected a thinking block")
            return
        }
        #expect(thinking.signature?.hasPrefix("BDaL4VrbR2Oj0hO4") == true)
        #expect(request.messages[2].content.blocks[0].cacheControl == ["type": "ephemeral"])
    }

    @Test func keepsServerToolsUnknownBlocksAndUnknownFieldsWhole() throws {
        let json = #"""
            {
              "model": "claude-sonnet-4-5", "max_tokens": 512, "service_tier": "auto",
              "metadata": {"user_id": "13803d75-b4b5-4c3e-b2a2-6f21399b021b"},
              "stop_sequences": ["\n\nHuman:"], "temperature": 0.5, "top_p": 0.9, "top_k": 40, "stream": true,
              "tools": [
                {"type": "web_search_20250305", "name": "web_search", "max_uses": 5},
                {"type": "custom", "name": "lookup", "input_schema": {"type": "object"}, "strict": true}
              ],
              "tool_choice": {"type": "any", "disable_parallel_tool_use": true},
              "messages": [
                {"role": "user", "content": [
                  {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0x"}, "title": "Spec", "citations": {"enabled": true}},
                  {"type": "search_result", "source": "https://example.com", "title": "Example", "content": [{"type": "text", "text": "x"}]},
                  {"type": "text", "text": "Summarise.", "cache_control": {"type": "ephemeral", "ttl": "1h"}}
                ]},
                {"role": "assistant", "content": [
                  {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search", "input": {"query": "swift"}},
                  {"type": "text", "text": "Found it.", "citations": [{"type": "web_search_result_location", "url": "https://swift.org", "title": "Swift", "cited_text": "Swift"}]}
                ]}
              ]
            }
            """#
        let request = try F.roundTrip(AnthropicMessagesRequest.self, json)
        #expect(request.extra == ["service_tier": "auto"])
        #expect(request.metadata?.userID == "13803d75-b4b5-4c3e-b2a2-6f21399b021b")
        #expect(request.stopSequences == ["\n\nHuman:"])
        #expect(request.topK == 40)
        #expect(request.stream == true)
        #expect(request.tools?.first == .server(["type": "web_search_20250305", "name": "web_search", "max_uses": 5]))
        #expect(request.tools?.last?.name == "lookup")
        #expect(request.toolChoice == AnthropicToolChoice(.any, disableParallelToolUse: true))
        let user = request.messages[0].content.blocks
        #expect(user.map(\.type) == ["document", "search_result", "text"])
        #expect(user[2].cacheControl == ["type": "ephemeral", "ttl": "1h"])
        let assistant = request.messages[1].content.blocks
        if case .text(let text) = assistant[1] {
            #expect(text.citations?.arrayValue?.count == 1)
        } else {
            Issue.record("expected a text block")
        }
    }

    @Test(arguments: [
        (#"{"type": "auto"}"#, AnthropicToolChoice(.auto)),
        (#"{"type": "any"}"#, AnthropicToolChoice(.any)),
        (#"{"type": "none"}"#, AnthropicToolChoice(.none)),
        (#"{"type": "tool", "name": "get_weather", "disable_parallel_tool_use": true}"#, AnthropicToolChoice(.tool(name: "get_weather"), disableParallelToolUse: true)),
        (#"{"type": "future", "knob": 1}"#, AnthropicToolChoice(.other("future"), extra: ["knob": 1])),
    ])
    func decodesToolChoices(json: String, expected: AnthropicToolChoice) throws {
        #expect(try F.roundTrip(AnthropicToolChoice.self, json) == expected)
    }

    @Test func decodesThinkingConfigs() throws {
        #expect(try F.roundTrip(AnthropicThinkingConfig.self, #"{"type": "enabled", "budget_tokens": 2048}"#) == .enabled(budgetTokens: 2048))
        #expect(try F.roundTrip(AnthropicThinkingConfig.self, #"{"type": "disabled"}"#) == .disabled())
        let adaptive = try F.roundTrip(AnthropicThinkingConfig.self, #"{"type": "adaptive"}"#)
        #expect(adaptive == .other(["type": "adaptive"]))
        #expect(adaptive.isEnabled && adaptive.budgetTokens == nil)
    }

    @Test func rejectsARequestWithoutMaxTokens() {
        #expect(throws: DecodingError.self) {
            try F.decode(AnthropicMessagesRequest.self, #"{"model": "m", "messages": []}"#)
        }
    }

    // MARK: Responses

    @Test func decodesAToolUseResponse() throws {
        let response = try F.roundTrip(AnthropicMessagesResponse.self, F.toolUseResponse)
        #expect(response.stopReason == .toolUse)
        #expect(response.stopSequence == nil)
        #expect(response.usage == AnthropicUsage(inputTokens: 410, outputTokens: 70, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, extra: ["service_tier": "standard"]))
        #expect(response.content.map(\.type) == ["text", "tool_use"])
    }

    @Test func decodesThinkingAndRedactedThinking() throws {
        let response = try F.roundTrip(AnthropicMessagesResponse.self, F.thinkingResponse)
        guard case .thinking(let thinking) = response.content[0], case .redactedThinking(let redacted) = response.content[1] else {
            Issue.record("expected thinking blocks")
            return
        }
        #expect(thinking.thinking == "Let me analyze this step by step...")
        #expect(thinking.signature?.hasSuffix("UvLEczmEsUjavL....") == true)
        #expect(redacted.data.hasPrefix("EmwKAhgBEgy3va3pzix"))
    }

    @Test func writesNullStopFieldsAsAnthropicDoes() throws {
        let message = AnthropicMessagesResponse(id: "msg_1", model: "m", content: [], stopReason: nil, usage: AnthropicUsage(inputTokens: 3, outputTokens: 0))
        let wire = try F.wire(message)
        #expect(wire["stop_reason"] == .null)
        #expect(wire["stop_sequence"] == .null)
        #expect(wire["type"] == "message")
        #expect(wire["role"] == "assistant")
    }

    @Test(arguments: [
        ("end_turn", AnthropicStopReason.endTurn), ("max_tokens", .maxTokens), ("stop_sequence", .stopSequence),
        ("tool_use", .toolUse), ("pause_turn", .pauseTurn), ("refusal", .refusal),
        ("model_context_window_exceeded", .modelContextWindowExceeded), ("brand_new", .other("brand_new")),
    ])
    func stopReasonsAreOpen(raw: String, reason: AnthropicStopReason) throws {
        #expect(try F.decode(AnthropicStopReason.self, "\"\(raw)\"") == reason)
        #expect(reason.rawValue == raw)
    }

    @Test func rolesAreOpen() throws {
        #expect(try F.decode(AnthropicRole.self, #""user""#) == .user)
        #expect(try F.decode(AnthropicRole.self, #""narrator""#) == .other("narrator"))
    }

    // MARK: Stream events

    @Test func decodesEveryEventOfTheToolUseTranscript() throws {
        let events = try F.events("tool_use_stream")
        for (name, event) in events {
            #expect(event.type == name)
        }
        guard case .messageStart(let message) = events[0].event else {
            Issue.record("expected message_start")
            return
        }
        #expect(message.usage.inputTokens == 472)
        #expect(message.stopReason == nil)
        #expect(events[1].event == .contentBlockStart(index: 0, block: .text("")))
        #expect(events[2].event == .ping)
        #expect(events[3].event == .contentBlockDelta(index: 0, delta: .text("Okay")))
        #expect(events.contains { $0.event == .contentBlockDelta(index: 1, delta: .inputJSON(#"{"location":"#)) })
        guard case .messageDelta(let delta) = events[events.count - 2].event else {
            Issue.record("expected message_delta")
            return
        }
        #expect(delta.stopReason == .toolUse)
        #expect(delta.usage?.outputTokens == 89)
        #expect(delta.usage?.inputTokens == nil)
        #expect(events.last?.event == .messageStop)
    }

    @Test func decodesThinkingAndSignatureDeltasAndAMessageDeltaWithoutUsage() throws {
        let events = try F.events("thinking_stream").map(\.event)
        #expect(events[1] == .contentBlockStart(index: 0, block: .thinking(AnthropicThinkingBlock(thinking: "", signature: ""))))
        #expect(events[4] == .contentBlockDelta(index: 0, delta: .signature("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...")))
        #expect(events[9] == .messageDelta(AnthropicMessageDelta(stopReason: .endTurn)))
    }

    @Test func decodesErrorEventsUnknownEventsAndCitationDeltas() throws {
        let error = try F.decode(AnthropicStreamEvent.self, #"{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"#)
        #expect(error == .error(AnthropicErrorBody.Detail(type: "overloaded_error", message: "Overloaded")))
        let unknown = try F.roundTrip(AnthropicStreamEvent.self, #"{"type": "message_annotation", "value": 1}"#)
        #expect(unknown.type == "message_annotation")
        let citation = try F.roundTrip(AnthropicStreamEvent.self, #"{"type": "content_block_delta", "index": 0, "delta": {"type": "citations_delta", "citation": {"type": "char_location", "cited_text": "x", "document_index": 0, "start_char_index": 0, "end_char_index": 1}}}"#)
        guard case .contentBlockDelta(_, .citations(let value)) = citation else {
            Issue.record("expected a citations delta")
            return
        }
        #expect(value["cited_text"] == "x")
        let refusal = try F.roundTrip(AnthropicStreamEvent.self, #"{"type": "message_delta", "delta": {"stop_reason": "refusal", "stop_sequence": null, "stop_details": {"type": "refusal"}}, "usage": {"output_tokens": 0}}"#)
        if case .messageDelta(let delta) = refusal {
            #expect(delta.deltaExtra == ["stop_details": ["type": "refusal"]])
        }
    }

    @Test func encodesServerSentEventsLikeAnthropic() throws {
        #expect(String(decoding: try AnthropicStreamEvent.messageStop.sseEncoded(), as: UTF8.self) == "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
        #expect(String(decoding: try AnthropicStreamEvent.ping.sseEncoded(), as: UTF8.self) == "event: ping\ndata: {\"type\":\"ping\"}\n\n")
        let delta = try AnthropicStreamEvent.contentBlockDelta(index: 1, delta: .inputJSON("{\"a\":\n1")).sseEncoded()
        let text = String(decoding: delta, as: UTF8.self)
        #expect(text.hasPrefix("event: content_block_delta\ndata: {"))
        #expect(text.hasSuffix("}\n\n"))
        #expect(text.dropLast(2).split(separator: "\n").count == 2)
        let data = String(text.split(separator: "\n")[1].dropFirst(6))
        #expect(try F.decode(AnthropicStreamEvent.self, data) == .contentBlockDelta(index: 1, delta: .inputJSON("{\"a\":\n1")))
    }

    @Test func anErrorEventCarriesAGatewayErrorInAnthropicTerms() throws {
        let event = AnthropicStreamEvent(GatewayError(.upstreamUnavailable, "upstream went away"))
        #expect(event == .error(AnthropicErrorBody.Detail(type: "api_error", message: "upstream went away")))
        let wire = try F.wire(event)
        #expect(wire == ["type": "error", "error": ["type": "api_error", "message": "upstream went away"]])
    }

    // MARK: Errors and token counting

    @Test func decodesTheErrorEnvelope() throws {
        let body = try F.roundTrip(AnthropicErrorBody.self, #"{"type": "error", "error": {"type": "not_found_error", "message": "The requested resource could not be found."}, "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}"#)
        #expect(body.error.type == "not_found_error")
        #expect(body.error.status == 404)
        #expect(body.requestID == "req_011CSHoEeqs5C35K2UUqR7Fy")
        let gateway = GatewayError(anthropic: body.error)
        #expect(gateway.status == 404)
        #expect(gateway.upstreamType == "not_found_error")
        #expect(GatewayError(anthropic: AnthropicErrorBody.Detail(type: "overloaded_error", message: "Overloaded")).status == 529)
    }

    @Test func decodesCountTokens() throws {
        let request = try F.roundTrip(AnthropicCountTokensRequest.self, #"{"model": "claude-sonnet-4-5", "system": "You are a scientist", "messages": [{"role": "user", "content": "Hello, Claude"}]}"#)
        #expect(request.system == .text("You are a scientist"))
        let response = try F.roundTrip(AnthropicCountTokensResponse.self, #"{"input_tokens": 14}"#)
        #expect(response.inputTokens == 14)
        let full = try F.decode(AnthropicMessagesRequest.self, F.thinkingToolConversation)
        let counting = AnthropicCountTokensRequest(full)
        #expect(counting.messages == full.messages && counting.tools == full.tools && counting.thinking == full.thinking)
        #expect(try F.wire(counting)["max_tokens"] == nil)
    }
}
