import Foundation
import Testing

@testable import SwitchyardCore

/// Decoding OpenAI's Responses bodies, round trips of what clients send, and what the
/// response object and stream events write.
@Suite struct ResponsesWireTypesTests {
    typealias F = ResponsesFixtures
    typealias J = AnthropicFixtures

    @Test func aStringInputIsOneUserMessage() throws {
        let request = try F.requestRoundTrip(F.stringInput)
        #expect(request.input == .text("Tell me a three sentence bedtime story about a unicorn."))
        #expect(request.input?.items == [.message(ResponseMessage(role: .user, content: .text("Tell me a three sentence bedtime story about a unicorn.")))])
    }

    @Test func easyInputMessagesDecodeWithoutType() throws {
        let request = try F.request(F.easyMessages)
        #expect(request.instructions == "Talk like a pirate.")
        #expect(request.store == false)
        #expect(request.metadata == ["session": "abc"])
        guard case .items(let items)? = request.input else { Issue.record("expected items"); return }
        #expect(items == [
            .message(ResponseMessage(role: .developer, content: .text("Answer in one sentence."))),
            .message(ResponseMessage(role: .user, content: .text("Are semicolons optional in JavaScript?"))),
        ])
        // Written back with the discriminator, which OpenAI accepts too.
        #expect(try J.wire(items[1]) == ["type": "message", "role": "user", "content": "Are semicolons optional in JavaScript?"])
    }

    @Test func aFunctionCallRoundDecodes() throws {
        let request = try F.requestRoundTrip(F.functionCallRound)
        let items = request.input?.items ?? []
        #expect(items.map(\.type) == ["message", "function_call", "function_call", "function_call_output", "function_call_output"])
        #expect(items[1] == .functionCall(ResponseFunctionCall(
            id: "fc_12345xyz", callID: "call_12345xyz", name: "get_weather", arguments: #"{"location":"Paris, France"}"#, status: .completed
        )))
        #expect(items[3] == .functionCallOutput(ResponseFunctionCallOutput(callID: "call_12345xyz", output: .text(#"{"temperature": 14}"#))))
        #expect(items[4] == .functionCallOutput(ResponseFunctionCallOutput(
            callID: "call_67890abc", output: .parts([.inputText(#"{"temperature": "#), .inputText("18}")])
        )))
        guard case .function(let tool)? = request.tools?.first else { Issue.record("expected a function tool"); return }
        #expect(tool.name == "get_weather" && tool.strict == true && tool.extra.isEmpty)
        #expect(request.toolChoice == .function(name: "get_weather"))
        #expect(request.parallelToolCalls == true)
    }

    @Test func aReasoningItemKeepsItsEncryptedContent() throws {
        let request = try F.requestRoundTrip(F.reasoningRound.replacingOccurrences(of: #", "summary": "auto""#, with: #", "summary": "auto", "generate_summary": null"#))
        guard case .reasoning(let item) = request.input?.items[1] else { Issue.record("expected reasoning"); return }
        #expect(item.id == "rs_6820f383d7c08191846711c5df8233bc0ac5ba57aafcbac7")
        #expect(item.summary.map(\.text) == ["**Comparing decimals**", "Tenths decide it."])
        #expect(item.summaryText == "**Comparing decimals**\n\nTenths decide it.")
        #expect(item.encryptedContent == "gAAAAABoISQ24OyVRYbkYfukuZAd")
        #expect(request.reasoning == ResponsesReasoning(effort: .high, summary: "auto", extra: ["generate_summary": .null]))
        #expect(request.include == ["reasoning.encrypted_content"])
    }

    @Test func builtInToolsAndUnknownMembersSurviveARoundTrip() throws {
        let request = try F.requestRoundTrip(F.builtInTool)
        #expect(request.tools?.map(\.type) == ["web_search_preview", "function"])
        #expect(request.tools?.first == .builtIn(["type": "web_search_preview", "search_context_size": "low"]))
        #expect(request.extra == ["background": false, "prompt_cache_key": "k-1"])
        let unknown = try F.requestRoundTrip(F.unknownItem)
        #expect(unknown.input?.items.map(\.type) == ["message", "web_search_call", "item_reference"])
        #expect(unknown.input?.items.last?.id == "msg_123")
    }

    @Test func partsAndFormatsRoundTrip() throws {
        let images = try F.requestRoundTrip(F.imageAndFile)
        guard case .message(let message) = images.input?.items.first, case .parts(let parts) = message.content else {
            Issue.record("expected parts"); return
        }
        #expect(parts.map(\.type) == ["input_text", "input_image", "input_image", "input_file"])
        #expect(parts[1] == .inputImage(.init(imageURL: "https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg", detail: .low)))
        #expect(parts[3] == .inputFile(.init(fileData: "data:application/pdf;base64,JVBERi0xLjQK", filename: "draconomicon.pdf")))
        let schema = try F.requestRoundTrip(F.jsonSchema)
        guard case .jsonSchema(let format)? = schema.text?.format else { Issue.record("expected json_schema"); return }
        #expect(format.name == "calendar_event" && format.strict == true && format.description == "An event on a calendar." && format.extra.isEmpty)
        #expect(schema.text?.extra == ["verbosity": "low"])
    }

    @Test func unknownPartsAndChoicesAreKeptWhole() throws {
        let part = #"{"type": "input_audio", "input_audio": {"data": "AAA", "format": "wav"}}"#
        #expect(try J.roundTrip(ResponseContentPart.self, part) == .other(try J.json(part)))
        let choice = #"{"type": "allowed_tools", "mode": "auto", "tools": [{"type": "function", "name": "a"}]}"#
        #expect(try J.roundTrip(ResponsesToolChoice.self, choice) == .other(try J.json(choice)))
        #expect(try J.roundTrip(ResponsesToolChoice.self, #""required""#) == .required)
        let output = #"{"type": "output_text", "text": "Hi", "annotations": [{"type": "url_citation", "start_index": 0, "end_index": 2, "url": "https://example.com", "title": "E"}], "logprobs": []}"#
        let decoded = try J.roundTrip(ResponseContentPart.self, output)
        #expect(decoded.text == "Hi")
    }

    // MARK: Response object

    /// A response as OpenAI's API reference shows it.
    static let documentedResponse = #"""
        {
          "id": "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b",
          "object": "response",
          "created_at": 1741476542,
          "status": "completed",
          "error": null,
          "incomplete_details": null,
          "instructions": null,
          "max_output_tokens": null,
          "model": "gpt-4.1-2025-04-14",
          "output": [
            {
              "type": "message",
              "id": "msg_67ccd2bf17f0819081ff3bb2cf6508e60bb6a6b452d3795b",
              "status": "completed",
              "role": "assistant",
              "content": [
                {"type": "output_text", "text": "In a peaceful grove beneath a silver moon...", "annotations": []}
              ]
            }
          ],
          "parallel_tool_calls": true,
          "previous_response_id": null,
          "reasoning": {"effort": null, "summary": null},
          "store": true,
          "temperature": 1.0,
          "text": {"format": {"type": "text"}},
          "tool_choice": "auto",
          "tools": [],
          "top_p": 1.0,
          "truncation": "disabled",
          "usage": {
            "input_tokens": 36,
            "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
            "output_tokens": 87,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 123
          },
          "user": null,
          "metadata": {}
        }
        """#

    @Test func theDocumentedResponseRoundTripsExactly() throws {
        let response = try J.roundTrip(ResponseObject.self, Self.documentedResponse)
        #expect(response.outputText == "In a peaceful grove beneath a silver moon...")
        #expect(response.usage == ResponseUsage(inputTokens: 36, outputTokens: 87))
        #expect(response.status == .completed)
    }

    @Test func aBareResponseWritesEveryMemberTheSDKsRequire() throws {
        let wire = try J.wire(ResponseObject(id: "resp_1", createdAt: 5, status: .inProgress, model: "m"))
        let object = try #require(wire.objectValue)
        for key in ["error", "incomplete_details", "instructions", "max_output_tokens", "previous_response_id", "reasoning", "temperature", "top_p", "usage", "user"] {
            #expect(object[key] == .null, "\(key)")
        }
        #expect(object["tools"] == [])
        #expect(object["metadata"] == [:])
        #expect(object["output"] == [])
        #expect(object["tool_choice"] == "auto")
        #expect(object["parallel_tool_calls"] == true)
        #expect(object["status"] == "in_progress")
        #expect(object["object"] == "response")
    }

    // MARK: Stream events

    @Test func eventsAreWrittenAsOpenAIWritesThem() throws {
        let location = ResponsePartLocation(itemID: "msg_1", outputIndex: 1, partIndex: 0)
        let delta = ResponseStreamEvent(sequenceNumber: 7, payload: .outputTextDelta(location, delta: "Hi"))
        let bytes = try delta.sseEncoded()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == #"event: response.output_text.delta"# + "\n" + #"data: {"content_index":0,"delta":"Hi","item_id":"msg_1","logprobs":[],"output_index":1,"sequence_number":7,"type":"response.output_text.delta"}"# + "\n\n")
        let summary = ResponseStreamEvent(sequenceNumber: 2, payload: .reasoningSummaryTextDelta(location, delta: "x"))
        #expect(try J.wire(summary) == ["type": "response.reasoning_summary_text.delta", "item_id": "msg_1", "output_index": 1, "summary_index": 0, "delta": "x", "sequence_number": 2])
        let error = ResponseStreamEvent(sequenceNumber: 3, payload: .error(code: "server_error", message: "boom", param: nil))
        #expect(try J.wire(error) == ["type": "error", "code": "server_error", "message": "boom", "param": nil, "sequence_number": 3])
        let other = ResponseStreamEvent(sequenceNumber: 4, payload: .other(["type": "response.web_search_call.searching", "item_id": "ws_1"]))
        #expect(try J.wire(other) == ["type": "response.web_search_call.searching", "item_id": "ws_1", "sequence_number": 4])
    }

    @Test func everyEventDecodesBackToItself() throws {
        let location = ResponsePartLocation(itemID: "i", outputIndex: 2, partIndex: 1)
        let response = ResponseObject(id: "resp_x", createdAt: 1, status: .completed, model: "m", output: [.functionCall(.init(id: "fc", callID: "c", name: "n", arguments: "{}", status: .completed))])
        let payloads: [ResponseStreamPayload] = [
            .created(response), .inProgress(response), .completed(response), .incomplete(response), .failed(response),
            .outputItemAdded(outputIndex: 0, item: .message(.init(id: "m", role: .assistant, content: .parts([]), status: .inProgress))),
            .outputItemDone(outputIndex: 0, item: .reasoning(.init(id: "r", summary: [.init(text: "t")]))),
            .contentPartAdded(location, part: .outputText(.init(text: ""))), .contentPartDone(location, part: .refusal("no")),
            .outputTextDelta(location, delta: "a"), .outputTextDone(location, text: "ab"),
            .refusalDelta(location, delta: "n"), .refusalDone(location, refusal: "no"),
            .functionCallArgumentsDelta(itemID: "fc", outputIndex: 3, delta: "{"),
            .functionCallArgumentsDone(itemID: "fc", outputIndex: 3, name: "n", arguments: "{}"),
            .reasoningSummaryPartAdded(location, part: .init(text: "")), .reasoningSummaryTextDelta(location, delta: "t"),
            .reasoningSummaryTextDone(location, text: "t"), .reasoningSummaryPartDone(location, part: .init(text: "t")),
            .error(code: nil, message: "m", param: "p"), .other(["type": "response.queued", "x": 1]),
        ]
        for (number, payload) in payloads.enumerated() {
            let event = ResponseStreamEvent(sequenceNumber: number, payload: payload)
            let decoded = try JSONDecoder().decode(ResponseStreamEvent.self, from: JSONEncoder().encode(event))
            #expect(decoded == event, "\(payload.type)")
        }
    }
}
