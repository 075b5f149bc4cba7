/// What one Responses stream event says, discriminated by its `type`.
///
/// A stream runs `response.created`, `response.in_progress`, then per output item
/// `response.output_item.added` … its parts' events … `response.output_item.done`, and ends
/// with `response.completed`, `response.incomplete` or `response.failed`. Events of a type
/// not listed here decode as `.other`.
public enum ResponseStreamPayload: Sendable, Hashable {
    case created(ResponseObject)
    case inProgress(ResponseObject)
    case completed(ResponseObject)
    case incomplete(ResponseObject)
    case failed(ResponseObject)
    case outputItemAdded(outputIndex: Int, item: ResponseItem)
    case outputItemDone(outputIndex: Int, item: ResponseItem)
    case contentPartAdded(ResponsePartLocation, part: ResponseContentPart)
    case contentPartDone(ResponsePartLocation, part: ResponseContentPart)
    case outputTextDelta(ResponsePartLocation, delta: String)
    case outputTextDone(ResponsePartLocation, text: String)
    case refusalDelta(ResponsePartLocation, delta: String)
    case refusalDone(ResponsePartLocation, refusal: String)
    case functionCallArgumentsDelta(itemID: String, outputIndex: Int, delta: String)
    case functionCallArgumentsDone(itemID: String, outputIndex: Int, name: String, arguments: String)
    case reasoningSummaryPartAdded(ResponsePartLocation, part: ResponseReasoningItem.Summary)
    case reasoningSummaryTextDelta(ResponsePartLocation, delta: String)
    case reasoningSummaryTextDone(ResponsePartLocation, text: String)
    case reasoningSummaryPartDone(ResponsePartLocation, part: ResponseReasoningItem.Summary)
    /// A stream-level error that is not a failed response.
    case error(code: String?, message: String, param: String?)
    /// An event of another type, kept whole (without `sequence_number`).
    case other(JSONValue)

    /// The event's `type`, which is also its SSE `event:` name.
    public var type: String {
        switch self {
        case .created: "response.created"
        case .inProgress: "response.in_progress"
        case .completed: "response.completed"
        case .incomplete: "response.incomplete"
        case .failed: "response.failed"
        case .outputItemAdded: "response.output_item.added"
        case .outputItemDone: "response.output_item.done"
        case .contentPartAdded: "response.content_part.added"
        case .contentPartDone: "response.content_part.done"
        case .outputTextDelta: "response.output_text.delta"
        case .outputTextDone: "response.output_text.done"
        case .refusalDelta: "response.refusal.delta"
        case .refusalDone: "response.refusal.done"
        case .functionCallArgumentsDelta: "response.function_call_arguments.delta"
        case .functionCallArgumentsDone: "response.function_call_arguments.done"
        case .reasoningSummaryPartAdded: "response.reasoning_summary_part.added"
        case .reasoningSummaryTextDelta: "response.reasoning_summary_text.delta"
        case .reasoningSummaryTextDone: "response.reasoning_summary_text.done"
        case .reasoningSummaryPartDone: "response.reasoning_summary_part.done"
        case .error: "error"
        case .other(let value): value["type"]?.stringValue ?? ""
        }
    }

    /// The response a lifecycle event carries, nil for every other event.
    public var response: ResponseObject? {
        switch self {
        case .created(let response), .inProgress(let response), .completed(let response),
            .incomplete(let response), .failed(let response):
            response
        default:
            nil
        }
    }
}
