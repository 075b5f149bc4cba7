/// Turns a streamed chat completion into a Responses stream, one chunk at a time.
///
/// Create one per stream. `start()` gives `response.created` and `response.in_progress`;
/// each `consume(_:)` gives the events for one chunk at once (text is never held back);
/// `finish()` closes what is open and gives `response.completed` (or `response.incomplete`)
/// with the final response, which it also returns on its own so the caller can store it
/// before writing the last events. A stream that breaks after it began ends with `failed(_:)`.
///
/// Items open in the order their first delta arrives and close when an item of another kind
/// (or another tool call) opens, or when the choice finishes: reasoning (a summary part),
/// the assistant message (an `output_text` part, a `refusal` part), one `function_call` per
/// tool call index. Only choice 0 is read. Usage may come in any chunk, usually a last one
/// without choices. Argument pieces for a tool call whose item already closed (upstreams
/// interleaving parallel calls, which OpenAI does not do) still reach the final response but
/// send no event, since the call's `done` events went out.
public struct ChatToResponsesStream: Sendable {
    public let id: String
    public let createdAt: Int
    public let request: ResponsesRequest
    let itemIDs: ResponseItemIDs

    enum Phase: Sendable {
        case idle
        case streaming
        case finished(ResponseObject)
    }

    /// The item being written and, for a message, its open part.
    enum OpenItem: Sendable {
        case reasoning(outputIndex: Int)
        case message(outputIndex: Int, part: OpenPart?)
        case functionCall(outputIndex: Int)

        var outputIndex: Int {
            switch self {
            case .reasoning(let index), .message(let index, _), .functionCall(let index): index
            }
        }
    }

    enum OpenPart: Sendable {
        case text(contentIndex: Int)
        case refusal(contentIndex: Int)
    }

    var phase = Phase.idle
    var nextSequenceNumber = 0
    /// The items so far, in output order; an open item is in its in-progress form.
    var output: [ResponseItem] = []
    var open: OpenItem?
    /// The text of the open reasoning summary or message part, or the open call's arguments.
    var buffer = ""
    /// The closed parts of the open message.
    var messageParts: [ResponseContentPart] = []
    /// Output index of each chat tool call index.
    var calls: [Int: Int] = [:]
    var finishReason: FinishReason?
    var usage: Usage?

    public init(id: String, createdAt: Int, request: ResponsesRequest) {
        self.id = id
        self.createdAt = createdAt
        self.request = request
        self.itemIDs = ResponseItemIDs(responseID: id)
    }

    /// `response.created` and `response.in_progress`, each with the response in progress.
    public mutating func start() -> [ResponseStreamEvent] {
        guard case .idle = phase else { return [] }
        phase = .streaming
        let response = ResponseObject(request: request, id: id, createdAt: createdAt, status: .inProgress)
        return [emit(.created(response)), emit(.inProgress(response))]
    }

    /// The events for one chat chunk (starting the stream first if `start()` was not called).
    public mutating func consume(_ chunk: ChatCompletionChunk) -> [ResponseStreamEvent] {
        var events = start()
        guard case .streaming = phase else { return events }
        if let chunkUsage = chunk.usage {
            usage = chunkUsage
        }
        for choice in chunk.choices where choice.index == 0 {
            let delta = choice.delta
            if let reasoning = delta.reasoningContent, !reasoning.isEmpty {
                events += reasoningDelta(reasoning)
            }
            if let text = delta.content, !text.isEmpty {
                events += messageDelta(text, refusal: false)
            }
            if let refusal = delta.refusal, !refusal.isEmpty {
                events += messageDelta(refusal, refusal: true)
            }
            for call in delta.toolCalls ?? [] {
                events += toolCallDelta(call)
            }
            if let reason = choice.finishReason {
                finishReason = reason
                events += closeOpenItem()
            }
        }
        return events
    }

    /// Closes whatever is open and ends the stream with `response.completed`, or
    /// `response.incomplete` when the model ran out of tokens or was filtered.
    ///
    /// - Returns: the events still owed, and the final response (the same object the
    ///   non-streamed translation makes of the same answer). Called again, no events.
    public mutating func finish() -> (events: [ResponseStreamEvent], response: ResponseObject) {
        if case .finished(let response) = phase { return ([], response) }
        var events = start()
        events += closeOpenItem()
        let response = ResponseObject.finished(
            request: request,
            id: id,
            createdAt: createdAt,
            output: output,
            finishReason: finishReason,
            usage: usage
        )
        phase = .finished(response)
        events.append(emit(response.status == .incomplete ? .incomplete(response) : .completed(response)))
        return (events, response)
    }

    /// `response.failed` for a stream that broke after it began: the response so far, with
    /// status `failed` and the error. Nothing more may be sent after it.
    public mutating func failed(_ error: GatewayError) -> ResponseStreamEvent {
        var response = ResponseObject(
            request: request,
            id: id,
            createdAt: createdAt,
            status: .failed,
            output: output,
            usage: usage.map(ResponseUsage.init(chat:))
        )
        response.error = ResponseError(error)
        phase = .finished(response)
        return emit(.failed(response))
    }

    mutating func emit(_ payload: ResponseStreamPayload) -> ResponseStreamEvent {
        defer { nextSequenceNumber += 1 }
        return ResponseStreamEvent(sequenceNumber: nextSequenceNumber, payload: payload)
    }
}
