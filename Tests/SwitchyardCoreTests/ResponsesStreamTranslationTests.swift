import Foundation
import Testing

@testable import SwitchyardCore

/// Recorded chat streams, split at many chunk sizes down to one byte, through `ChatToResponsesStream`.
@Suite struct ResponsesStreamTranslationTests {
    typealias F = ResponsesFixtures
    typealias J = AnthropicFixtures

    static let id = "resp_s1"
    static let createdAt = 1_741_569_952

    struct Run {
        var perChunk: [[ResponseStreamEvent]]
        var events: [ResponseStreamEvent]
        var response: ResponseObject
        var chunks: [ChatCompletionChunk]
    }

    /// Runs the fixture whole, at every chunk size from one byte to 97 (each shifting the
    /// splits against event and line ends), and at a few larger prime sizes; every split
    /// must give the same events as the whole. Every size up to the fixture's length would
    /// cost seconds of CPU per fixture for nothing the small sizes do not already cover.
    private static func run(_ name: String, request: ResponsesRequest = ResponsesRequest(model: "gpt-4.1", stream: true)) throws -> Run {
        let bytes = try F.bytes(name)
        var reference: Run?
        let sizes = Array(1...min(97, bytes.count - 1)) + [211, 509, 1021, 2053, 4099].filter { $0 < bytes.count }
        for size in [bytes.count] + sizes {
            var stream = ChatToResponsesStream(id: id, createdAt: createdAt, request: request)
            var perChunk = [stream.start()]
            let chunks = try F.chunks(bytes, size: size).flatMap { $0 }
            for chunk in chunks {
                perChunk.append(stream.consume(chunk))
            }
            let (last, response) = stream.finish()
            perChunk.append(last)
            let run = Run(perChunk: perChunk, events: perChunk.flatMap { $0 }, response: response, chunks: chunks)
            if let reference {
                guard run.events == reference.events, run.response == reference.response else {
                    Issue.record("\(name) split every \(size) bytes gives other events")
                    return reference
                }
            } else {
                reference = run
            }
        }
        return try #require(reference)
    }

    /// What every stream must satisfy: numbering, order, deltas adding up, and a final
    /// response equal to the non-streamed translation of the same answer.
    private static func checkInvariants(_ run: Run, request: ResponsesRequest = ResponsesRequest(model: "gpt-4.1", stream: true)) throws {
        #expect(run.events.map(\.sequenceNumber) == Array(0..<run.events.count))
        #expect(run.events.prefix(2).map(\.type) == ["response.created", "response.in_progress"])
        #expect(run.events.first?.payload.response?.status == .inProgress)
        #expect(run.events.first?.payload.response?.output == [])
        #expect(run.events.last?.payload.response == run.response)
        // Items open in output order, and each item closes with its final form.
        var added: [Int] = []
        for event in run.events {
            switch event.payload {
            case .outputItemAdded(let index, _): added.append(index)
            case .outputItemDone(let index, let item): #expect(run.response.output[index] == item)
            default: break
            }
        }
        #expect(added == Array(0..<run.response.output.count))
        // Deltas add up to the done text, per part.
        var deltas: [String: String] = [:]
        for event in run.events {
            switch event.payload {
            case .outputTextDelta(let at, let delta), .refusalDelta(let at, let delta), .reasoningSummaryTextDelta(let at, let delta):
                deltas["\(at.itemID)/\(at.partIndex)", default: ""] += delta
            case .functionCallArgumentsDelta(let item, _, let delta):
                deltas[item, default: ""] += delta
            case .outputTextDone(let at, let text), .refusalDone(let at, let text), .reasoningSummaryTextDone(let at, let text):
                #expect(deltas["\(at.itemID)/\(at.partIndex)", default: ""] == text)
            case .functionCallArgumentsDone(let item, _, _, let arguments):
                #expect(deltas[item, default: ""] == arguments)
            default: break
            }
        }
        let chat = F.assembled(run.chunks)
        let expected = ResponseObject(chat: chat, request: request, id: id, createdAt: createdAt, itemIDs: ResponseItemIDs(responseID: id))
        #expect(run.response == expected)
    }

    @Test func aTextStream() throws {
        let run = try Self.run("chat_text_stream")
        try Self.checkInvariants(run)
        #expect(run.events.map(\.type) == ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"]
            + Array(repeating: "response.output_text.delta", count: 13)
            + ["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"])
        let text = "Under the silver moon, a unicorn named Lumi danced until dawn."
        #expect(run.response.outputText == text)
        #expect(run.events[2].payload == .outputItemAdded(outputIndex: 0, item: .message(ResponseMessage(id: "msg_s1_0", role: .assistant, content: .parts([]), status: .inProgress))))
        #expect(run.events[3].payload == .contentPartAdded(ResponsePartLocation(itemID: "msg_s1_0", outputIndex: 0, partIndex: 0), part: .outputText(.init(text: ""))))
        #expect(run.events[17].payload == .outputTextDone(ResponsePartLocation(itemID: "msg_s1_0", outputIndex: 0, partIndex: 0), text: text))
        #expect(run.response.usage == ResponseUsage(inputTokens: 36, outputTokens: 13))
        #expect(run.response.status == .completed)
        // Never buffered: the role chunk gives the message, each content chunk its delta at once.
        #expect(run.perChunk[1].map(\.type) == [])
        #expect(run.perChunk[2].map(\.type) == ["response.output_item.added", "response.content_part.added", "response.output_text.delta"])
        #expect(run.perChunk[3].map(\.type) == ["response.output_text.delta"])
        // The finish reason closes the item; the usage chunk that follows has nothing to add.
        #expect(run.perChunk[15].map(\.type) == ["response.output_text.done", "response.content_part.done", "response.output_item.done"])
        #expect(run.perChunk[16].isEmpty)
    }

    @Test func twoParallelToolCalls() throws {
        let request = try F.request(F.functionCallRound)
        let run = try Self.run("chat_parallel_tools_stream", request: request)
        try Self.checkInvariants(run, request: request)
        let call = ["response.output_item.added"] + Array(repeating: "response.function_call_arguments.delta", count: 7)
            + ["response.function_call_arguments.done", "response.output_item.done"]
        #expect(run.events.map(\.type) == ["response.created", "response.in_progress"] + call + call + ["response.completed"])
        #expect(run.events[2].payload == .outputItemAdded(outputIndex: 0, item: .functionCall(ResponseFunctionCall(
            id: "fc_s1_0", callID: "call_DdmO9pD3xa9XTPNJ32zg2hcA", name: "get_weather", arguments: "", status: .inProgress
        ))))
        #expect(run.response.output == [
            .functionCall(ResponseFunctionCall(id: "fc_s1_0", callID: "call_DdmO9pD3xa9XTPNJ32zg2hcA", name: "get_weather", arguments: #"{"location":"Paris, France"}"#, status: .completed)),
            .functionCall(ResponseFunctionCall(id: "fc_s1_1", callID: "call_ABPZ7GuLqO0uR5Jx1vVwA7fN", name: "get_weather", arguments: #"{"location":"Bogotá, Colombia"}"#, status: .completed)),
        ])
        #expect(run.events[20].payload == .functionCallArgumentsDone(itemID: "fc_s1_1", outputIndex: 1, name: "get_weather", arguments: #"{"location":"Bogotá, Colombia"}"#))
        #expect(run.response.usage == ResponseUsage(inputTokens: 82, cachedTokens: 64, outputTokens: 51))
        #expect(run.response.tools == request.tools)
    }

    @Test func reasoningThenText() throws {
        let run = try Self.run("chat_reasoning_stream")
        try Self.checkInvariants(run)
        #expect(run.events.map(\.type) == ["response.created", "response.in_progress",
            "response.output_item.added", "response.reasoning_summary_part.added"]
            + Array(repeating: "response.reasoning_summary_text.delta", count: 10)
            + ["response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
               "response.output_item.added", "response.content_part.added"]
            + Array(repeating: "response.output_text.delta", count: 6)
            + ["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"])
        #expect(run.response.output.map(\.id) == ["rs_s1_0", "msg_s1_1"])
        guard case .reasoning(let reasoning) = run.response.output[0] else { Issue.record("expected reasoning"); return }
        #expect(reasoning.summaryText == "9.11 and 9.8: compare tenths; 8 > 1.")
        #expect(run.response.outputText == "9.8 is greater—its tenths digit is larger.")
        #expect(run.response.usage == ResponseUsage(inputTokens: 15, outputTokens: 120, reasoningTokens: 98))
    }

    @Test func oneChunkCarryingEverythingAndALengthStop() throws {
        var stream = ChatToResponsesStream(id: "resp_m", createdAt: 0, request: ResponsesRequest(model: "m"))
        let delta = ChatDelta(
            role: .assistant, content: "Hi", toolCalls: [ToolCallDelta(index: 0, id: "call_1", type: "function", function: .init(name: "f", arguments: "{}"))],
            refusal: "No", reasoningContent: "hmm"
        )
        let chunk = ChatCompletionChunk(id: "c", created: 0, model: "m", choices: [ChunkChoice(index: 0, delta: delta, finishReason: .length)])
        let events = stream.consume(chunk)
        #expect(events.map(\.type) == [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done",
            "response.content_part.added", "response.refusal.delta", "response.refusal.done", "response.content_part.done",
            "response.output_item.done",
            "response.output_item.added", "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.output_item.done",
        ])
        #expect(events[13].payload == .contentPartAdded(ResponsePartLocation(itemID: "msg_m_1", outputIndex: 1, partIndex: 1), part: .refusal("")))
        let (last, response) = stream.finish()
        #expect(last.map(\.type) == ["response.incomplete"])
        #expect(last.first?.sequenceNumber == events.count)
        #expect(response.status == .incomplete)
        #expect(response.incompleteDetails?.reason == "max_output_tokens")
        #expect(response.output.map(\.type) == ["reasoning", "message", "function_call"])
        guard case .message(let message) = response.output[1], case .functionCall(let call) = response.output[2] else { Issue.record("expected items"); return }
        #expect(message.content == .parts([.outputText(.init(text: "Hi")), .refusal("No")]))
        #expect(message.status == .completed)
        #expect(call.status == .incomplete)
        #expect(stream.finish().events.isEmpty)
        #expect(stream.consume(chunk).isEmpty)
    }

    @Test func anEmptyStreamStillStartsAndCompletes() {
        var stream = ChatToResponsesStream(id: "resp_e", createdAt: 0, request: ResponsesRequest(model: "m"))
        let (events, response) = stream.finish()
        #expect(events.map(\.type) == ["response.created", "response.in_progress", "response.completed"])
        #expect(events.map(\.sequenceNumber) == [0, 1, 2])
        #expect(response.output.isEmpty && response.status == .completed)
    }

    @Test func aBrokenStreamFailsWithWhatItHad() throws {
        var stream = ChatToResponsesStream(id: "resp_f", createdAt: 0, request: ResponsesRequest(model: "m"))
        let started = stream.start()
        let partial = stream.consume(ChatCompletionChunk(id: "c", created: 0, model: "m", choices: [ChunkChoice(index: 0, delta: ChatDelta(content: "Hal"))]))
        let failed = stream.failed(GatewayError(.upstreamUnavailable, "The upstream closed the connection."))
        #expect(failed.sequenceNumber == started.count + partial.count)
        #expect(failed.type == "response.failed")
        let response = try #require(failed.payload.response)
        #expect(response.status == .failed)
        #expect(response.error == ResponseError(code: "server_error", message: "The upstream closed the connection."))
        #expect(response.output.count == 1)
        let wire = try J.wire(failed)
        #expect(wire["response"]?["error"] == ["code": "server_error", "message": "The upstream closed the connection."])
        #expect(stream.consume(ChatCompletionChunk(id: "c", created: 0, model: "m", choices: [])).isEmpty)
        #expect(stream.finish().events.isEmpty)
    }

    @Test func theEncodedStreamIsWhatOpenAISends() throws {
        let run = try Self.run("chat_text_stream")
        let text = String(decoding: try run.events.flatMap { try $0.sseEncoded() }, as: UTF8.self)
        let blocks = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(blocks.count == run.events.count)
        for (block, event) in zip(blocks, run.events) {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2)
            #expect(lines.first == "event: \(event.type)"[...])
            let data = try J.json(String(lines[1].dropFirst("data: ".count)))
            #expect(data["type"]?.stringValue == event.type)
            #expect(data["sequence_number"]?.intValue == event.sequenceNumber)
        }
    }
}
