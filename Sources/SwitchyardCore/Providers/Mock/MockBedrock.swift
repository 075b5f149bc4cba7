import Foundation
import NIOCore

/// The mock provider's Bedrock Converse wire format (`/model/{id}/converse` and
/// `/converse-stream`): the Converse request is read into the pivot, answered by `MockModel`,
/// and written back as Converse JSON or AWS event-stream frames. Signatures are not checked.
enum MockBedrock {
    static func handle(route: String, body: ByteBuffer) -> MockProviderHandler.Answer {
        do {
            let parts = route.split(separator: "/")
            guard parts.count >= 3, parts[0] == "model", let operation = parts.last, operation == "converse" || operation == "converse-stream" else {
                throw GatewayError(.notFound, "Unknown mock Bedrock route \(route).")
            }
            let model = (parts[1].removingPercentEncoding ?? String(parts[1]))
            let request = try JSONDecoder().decode(BedrockConverseRequest.self, from: Data(body.readableBytesView))
            var chat = try ChatCompletionRequest(mockBedrock: request, model: model)
            if let status = MockProviderHandler.requestedFailure(in: body) {
                return failure(GatewayError(.upstream(status: status), "Mock failure requested with [[mock:status=\(status)]]."), status: status)
            }
            let mock = MockModel(name: model)
            let created = Int(Date().timeIntervalSince1970)
            guard operation == "converse-stream" else {
                return MockProviderHandler.json(BedrockConverseResponse(mockAnswer: mock.chatCompletion(chat, created: created)))
            }
            chat.streamOptions = StreamOptions(includeUsage: true)
            let events = streamEvents(mock.chatCompletionChunks(chat, created: created))
            return .init(status: 200, contentType: "application/vnd.amazon.eventstream", chunks: events.map { ByteBuffer(bytes: $0.encoded()) }, retryAfter: nil)
        } catch let error as GatewayError {
            return failure(error, status: error.status)
        } catch {
            return failure(GatewayError.invalidRequest("Invalid request: \(error)"), status: 400)
        }
    }

    /// Bedrock's error shape: `{"message"}` and the exception name in `x-amzn-errortype`.
    private static func failure(_ error: GatewayError, status: Int) -> MockProviderHandler.Answer {
        let body = (try? JSONEncoder().encode(["message": error.message])) ?? Data()
        return .init(status: status, contentType: "application/json", chunks: [ByteBuffer(bytes: body)], retryAfter: status == 429 ? 1 : nil)
    }

    /// ConverseStream's event order: messageStart, per block start/deltas/stop, messageStop, metadata.
    static func streamEvents(_ chunks: [ChatCompletionChunk]) -> [AWSEventStreamMessage] {
        var events = [event("messageStart", ["role": "assistant"])]
        var textOpen = false
        var openTools: [Int: Int] = [:]  // OpenAI tool index → Bedrock block index
        var nextBlock = 0
        var stopReason = "end_turn"
        var usage: Usage?
        func closeText() {
            guard textOpen else { return }
            events.append(event("contentBlockStop", ["contentBlockIndex": .number(Double(nextBlock - 1))]))
            textOpen = false
        }
        for chunk in chunks {
            if let reported = chunk.usage { usage = reported }
            for choice in chunk.choices {
                if let text = choice.delta.content, !text.isEmpty {
                    if !textOpen {
                        textOpen = true
                        nextBlock += 1
                    }
                    events.append(event("contentBlockDelta", ["contentBlockIndex": .number(Double(nextBlock - 1)), "delta": ["text": .string(text)]]))
                }
                for call in choice.delta.toolCalls ?? [] {
                    if openTools[call.index] == nil {
                        closeText()
                        openTools[call.index] = nextBlock
                        nextBlock += 1
                        let start: JSONValue = ["toolUse": ["toolUseId": .string(call.id ?? "tooluse_\(call.index)"), "name": .string(call.function?.name ?? "")]]
                        events.append(event("contentBlockStart", ["contentBlockIndex": .number(Double(nextBlock - 1)), "start": start]))
                    }
                    if let arguments = call.function?.arguments, !arguments.isEmpty, let block = openTools[call.index] {
                        events.append(event("contentBlockDelta", ["contentBlockIndex": .number(Double(block)), "delta": ["toolUse": ["input": .string(arguments)]]]))
                    }
                }
                if let reason = choice.finishReason { stopReason = Self.stopReason(reason) }
            }
        }
        closeText()
        for block in openTools.values.sorted() {
            events.append(event("contentBlockStop", ["contentBlockIndex": .number(Double(block))]))
        }
        events.append(event("messageStop", ["stopReason": .string(stopReason)]))
        let counts = usage ?? Usage(promptTokens: 0, completionTokens: 0)
        events.append(event("metadata", [
            "usage": [
                "inputTokens": .number(Double(counts.promptTokens)), "outputTokens": .number(Double(counts.completionTokens)),
                "totalTokens": .number(Double(counts.totalTokens)),
            ],
            "metrics": ["latencyMs": 1],
        ]))
        return events
    }

    static func stopReason(_ reason: FinishReason) -> String {
        switch reason {
        case .length: "max_tokens"
        case .toolCalls, .functionCall: "tool_use"
        case .contentFilter: "content_filtered"
        default: "end_turn"
        }
    }

    static func event(_ type: String, _ payload: [String: JSONValue]) -> AWSEventStreamMessage {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return AWSEventStreamMessage(
            headers: [
                .init(name: ":event-type", value: .string(type)),
                .init(name: ":content-type", value: .string("application/json")),
                .init(name: ":message-type", value: .string("event")),
            ],
            payload: Array((try? encoder.encode(JSONValue.object(payload))) ?? Data())
        )
    }
}

extension ChatCompletionRequest {
    /// The pivot form of a Converse request, for the mock provider: system blocks, text,
    /// images, tool calls and results, inference settings and tools.
    init(mockBedrock request: BedrockConverseRequest, model: String) throws {
        var messages: [ChatMessage] = []
        let system = (request.system ?? []).compactMap { block -> String? in
            if case .text(let text) = block { return text }
            return nil
        }
        if !system.isEmpty { messages.append(ChatMessage(role: .system, content: .text(system.joined(separator: "\n")))) }
        for message in request.messages {
            var parts: [ChatContentPart] = []
            var calls: [ToolCall] = []
            for block in message.content {
                switch block {
                case .text(let text): parts.append(.text(text))
                case .image(let image):
                    parts.append(.imageURL(ChatContentPart.ImageURL(url: "data:image/\(image.format);base64,\(image.base64)")))
                case .toolUse(let use):
                    let arguments = (try? String(decoding: JSONEncoder().encode(use.input), as: UTF8.self)) ?? "{}"
                    calls.append(ToolCall(id: use.toolUseId, function: .init(name: use.name, arguments: arguments)))
                case .toolResult(let result):
                    let text = result.content.map { content -> String in
                        switch content {
                        case .text(let text): return text
                        case .json(let value), .other(let value):
                            return (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? ""
                        }
                    }.joined(separator: "\n")
                    messages.append(ChatMessage(role: .tool, content: .text(text), toolCallID: result.toolUseId))
                case .document, .reasoningContent, .other: continue
                }
            }
            let role: ChatRole = message.role == .assistant ? .assistant : .user
            if !parts.isEmpty || !calls.isEmpty {
                let content: ChatMessageContent? = parts.isEmpty ? nil : (parts.count == 1 ? parts[0].plainText.map { .text($0) } ?? .parts(parts) : .parts(parts))
                messages.append(ChatMessage(role: role, content: content, toolCalls: calls.isEmpty ? nil : calls))
            }
        }
        let tools: [ChatTool] = (request.toolConfig?.tools ?? []).compactMap { tool in
            guard case .toolSpec(let spec) = tool else { return nil }
            return ChatTool(function: FunctionDefinition(name: spec.name, description: spec.description, parameters: spec.inputSchema))
        }
        let choice: ToolChoice? = request.toolConfig?.toolChoice.map { choice in
            switch choice {
            case .auto: .auto
            case .any: .required
            case .tool(let name): .function(name: name)
            }
        }
        let inference = request.inferenceConfig
        self.init(
            model: model,
            messages: messages,
            tools: tools.isEmpty ? nil : tools,
            toolChoice: choice,
            temperature: inference?.temperature,
            topP: inference?.topP,
            maxTokens: inference?.maxTokens,
            stop: inference?.stopSequences
        )
    }
}

extension ChatContentPart {
    /// The text of a text part.
    var plainText: String? {
        if case .text(let text, _) = self { return text }
        return nil
    }
}

extension BedrockConverseResponse {
    /// A Converse answer for the mock provider's pivot answer.
    init(mockAnswer response: ChatCompletionResponse) {
        let choice = response.choices.first
        var content: [BedrockContentBlock] = []
        if let text = choice?.message.content?.text, !text.isEmpty { content.append(.text(text)) }
        for call in choice?.message.toolCalls ?? [] {
            let input = (try? JSONDecoder().decode(JSONValue.self, from: Data(call.function.arguments.utf8))) ?? .object([:])
            content.append(.toolUse(BedrockToolUseBlock(toolUseId: call.id, name: call.function.name, input: input)))
        }
        let usage = response.usage ?? Usage(promptTokens: 0, completionTokens: 0)
        self.init(
            message: BedrockMessage(role: .assistant, content: content),
            stopReason: BedrockStopReason(rawValue: choice?.finishReason.map(MockBedrock.stopReason) ?? "end_turn"),
            usage: BedrockTokenUsage(inputTokens: usage.promptTokens, outputTokens: usage.completionTokens, totalTokens: usage.totalTokens),
            metrics: ["latencyMs": 1]
        )
    }
}
