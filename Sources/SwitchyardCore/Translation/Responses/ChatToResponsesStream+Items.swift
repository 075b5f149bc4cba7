extension ChatToResponsesStream {
    // MARK: Deltas

    mutating func reasoningDelta(_ text: String) -> [ResponseStreamEvent] {
        var events: [ResponseStreamEvent] = []
        let outputIndex: Int
        if case .reasoning(let index)? = open {
            outputIndex = index
        } else {
            events += closeOpenItem()
            outputIndex = output.count
            let item = ResponseItem.reasoning(ResponseReasoningItem(id: itemIDs.reasoning(at: outputIndex)))
            output.append(item)
            open = .reasoning(outputIndex: outputIndex)
            events.append(emit(.outputItemAdded(outputIndex: outputIndex, item: item)))
            events.append(emit(.reasoningSummaryPartAdded(summaryLocation(outputIndex), part: .init(text: ""))))
        }
        buffer += text
        events.append(emit(.reasoningSummaryTextDelta(summaryLocation(outputIndex), delta: text)))
        return events
    }

    /// Text or refusal for the assistant message, opening the message and the part as needed.
    mutating func messageDelta(_ text: String, refusal: Bool) -> [ResponseStreamEvent] {
        var events: [ResponseStreamEvent] = []
        let outputIndex: Int
        var part: OpenPart?
        if case .message(let index, let openPart)? = open {
            outputIndex = index
            part = openPart
        } else {
            events += closeOpenItem()
            outputIndex = output.count
            let message = ResponseMessage(id: itemIDs.message(at: outputIndex), role: .assistant, content: .parts([]), status: .inProgress)
            output.append(.message(message))
            events.append(emit(.outputItemAdded(outputIndex: outputIndex, item: .message(message))))
        }
        let contentIndex: Int
        switch part {
        case .text(let index)? where !refusal, .refusal(let index)? where refusal:
            contentIndex = index
        default:
            events += closeOpenPart(outputIndex: outputIndex, part)
            contentIndex = messageParts.count
            let empty: ResponseContentPart = refusal ? .refusal("") : .outputText(.init(text: ""))
            events.append(emit(.contentPartAdded(contentLocation(outputIndex, contentIndex), part: empty)))
        }
        open = .message(outputIndex: outputIndex, part: refusal ? .refusal(contentIndex: contentIndex) : .text(contentIndex: contentIndex))
        buffer += text
        let location = contentLocation(outputIndex, contentIndex)
        events.append(emit(refusal ? .refusalDelta(location, delta: text) : .outputTextDelta(location, delta: text)))
        return events
    }

    mutating func toolCallDelta(_ call: ToolCallDelta) -> [ResponseStreamEvent] {
        let piece = call.function?.arguments ?? ""
        if let outputIndex = calls[call.index] {
            guard case .functionCall(let openIndex)? = open, openIndex == outputIndex else {
                appendLateArguments(piece, at: outputIndex)
                return []
            }
            guard !piece.isEmpty else { return [] }
            buffer += piece
            return [emit(.functionCallArgumentsDelta(itemID: itemIDs.functionCall(at: outputIndex), outputIndex: outputIndex, delta: piece))]
        }
        var events = closeOpenItem()
        let outputIndex = output.count
        let itemID = itemIDs.functionCall(at: outputIndex)
        let item = ResponseFunctionCall(
            id: itemID,
            callID: call.id ?? "call_\(itemIDs.seed)_\(call.index)",
            name: call.function?.name ?? "",
            arguments: "",
            status: .inProgress
        )
        output.append(.functionCall(item))
        calls[call.index] = outputIndex
        open = .functionCall(outputIndex: outputIndex)
        events.append(emit(.outputItemAdded(outputIndex: outputIndex, item: .functionCall(item))))
        if !piece.isEmpty {
            buffer = piece
            events.append(emit(.functionCallArgumentsDelta(itemID: itemID, outputIndex: outputIndex, delta: piece)))
        }
        return events
    }

    private mutating func appendLateArguments(_ piece: String, at outputIndex: Int) {
        guard case .functionCall(var call) = output[outputIndex] else { return }
        call.arguments += piece
        output[outputIndex] = .functionCall(call)
    }

    // MARK: Closing

    /// The `done` events of the open item, which takes its final form in `output`. The item
    /// open when the choice stopped early is marked incomplete.
    mutating func closeOpenItem() -> [ResponseStreamEvent] {
        guard let current = open else { return [] }
        open = nil
        let status: ResponseItemStatus = ResponseObject.ending(finishReason).status == .incomplete ? .incomplete : .completed
        var events: [ResponseStreamEvent] = []
        switch current {
        case .reasoning(let outputIndex):
            let summary = ResponseReasoningItem.Summary(text: buffer)
            let location = summaryLocation(outputIndex)
            events.append(emit(.reasoningSummaryTextDone(location, text: buffer)))
            events.append(emit(.reasoningSummaryPartDone(location, part: summary)))
            output[outputIndex] = .reasoning(ResponseReasoningItem(id: itemIDs.reasoning(at: outputIndex), summary: [summary]))
        case .message(let outputIndex, let part):
            events += closeOpenPart(outputIndex: outputIndex, part)
            output[outputIndex] = .message(ResponseMessage(
                id: itemIDs.message(at: outputIndex), role: .assistant, content: .parts(messageParts), status: status
            ))
            messageParts = []
        case .functionCall(let outputIndex):
            guard case .functionCall(var call) = output[outputIndex] else { break }
            call.arguments = buffer
            call.status = status
            output[outputIndex] = .functionCall(call)
            events.append(emit(.functionCallArgumentsDone(itemID: itemIDs.functionCall(at: outputIndex), outputIndex: outputIndex, name: call.name, arguments: buffer)))
        }
        buffer = ""
        events.append(emit(.outputItemDone(outputIndex: current.outputIndex, item: output[current.outputIndex])))
        return events
    }

    /// The `done` events of the message's open part, which joins `messageParts`.
    private mutating func closeOpenPart(outputIndex: Int, _ part: OpenPart?) -> [ResponseStreamEvent] {
        switch part {
        case nil:
            return []
        case .text(let contentIndex)?:
            let location = contentLocation(outputIndex, contentIndex)
            let done = ResponseContentPart.outputText(.init(text: buffer))
            messageParts.append(done)
            defer { buffer = "" }
            return [emit(.outputTextDone(location, text: buffer)), emit(.contentPartDone(location, part: done))]
        case .refusal(let contentIndex)?:
            let location = contentLocation(outputIndex, contentIndex)
            let done = ResponseContentPart.refusal(buffer)
            messageParts.append(done)
            defer { buffer = "" }
            return [emit(.refusalDone(location, refusal: buffer)), emit(.contentPartDone(location, part: done))]
        }
    }

    private func contentLocation(_ outputIndex: Int, _ contentIndex: Int) -> ResponsePartLocation {
        ResponsePartLocation(itemID: itemIDs.message(at: outputIndex), outputIndex: outputIndex, partIndex: contentIndex)
    }

    private func summaryLocation(_ outputIndex: Int) -> ResponsePartLocation {
        ResponsePartLocation(itemID: itemIDs.reasoning(at: outputIndex), outputIndex: outputIndex, partIndex: 0)
    }
}
