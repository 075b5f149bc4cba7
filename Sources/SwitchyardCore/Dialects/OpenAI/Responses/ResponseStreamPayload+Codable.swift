extension ResponseStreamPayload: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case response
        case outputIndex = "output_index"
        case item
        case itemID = "item_id"
        case contentIndex = "content_index"
        case summaryIndex = "summary_index"
        case part
        case delta
        case text
        case refusal
        case name
        case arguments
        case logprobs
        case code
        case message
        case param
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func location(_ indexKey: CodingKeys) throws -> ResponsePartLocation {
            ResponsePartLocation(
                itemID: try c.decode(String.self, forKey: .itemID),
                outputIndex: try c.decode(Int.self, forKey: .outputIndex),
                partIndex: try c.decode(Int.self, forKey: indexKey)
            )
        }
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "response.created": self = .created(try c.decode(ResponseObject.self, forKey: .response))
        case "response.in_progress": self = .inProgress(try c.decode(ResponseObject.self, forKey: .response))
        case "response.completed": self = .completed(try c.decode(ResponseObject.self, forKey: .response))
        case "response.incomplete": self = .incomplete(try c.decode(ResponseObject.self, forKey: .response))
        case "response.failed": self = .failed(try c.decode(ResponseObject.self, forKey: .response))
        case "response.output_item.added":
            self = .outputItemAdded(outputIndex: try c.decode(Int.self, forKey: .outputIndex), item: try c.decode(ResponseItem.self, forKey: .item))
        case "response.output_item.done":
            self = .outputItemDone(outputIndex: try c.decode(Int.self, forKey: .outputIndex), item: try c.decode(ResponseItem.self, forKey: .item))
        case "response.content_part.added":
            self = .contentPartAdded(try location(.contentIndex), part: try c.decode(ResponseContentPart.self, forKey: .part))
        case "response.content_part.done":
            self = .contentPartDone(try location(.contentIndex), part: try c.decode(ResponseContentPart.self, forKey: .part))
        case "response.output_text.delta":
            self = .outputTextDelta(try location(.contentIndex), delta: try c.decode(String.self, forKey: .delta))
        case "response.output_text.done":
            self = .outputTextDone(try location(.contentIndex), text: try c.decode(String.self, forKey: .text))
        case "response.refusal.delta":
            self = .refusalDelta(try location(.contentIndex), delta: try c.decode(String.self, forKey: .delta))
        case "response.refusal.done":
            self = .refusalDone(try location(.contentIndex), refusal: try c.decode(String.self, forKey: .refusal))
        case "response.function_call_arguments.delta":
            self = .functionCallArgumentsDelta(
                itemID: try c.decode(String.self, forKey: .itemID),
                outputIndex: try c.decode(Int.self, forKey: .outputIndex),
                delta: try c.decode(String.self, forKey: .delta)
            )
        case "response.function_call_arguments.done":
            self = .functionCallArgumentsDone(
                itemID: try c.decode(String.self, forKey: .itemID),
                outputIndex: try c.decode(Int.self, forKey: .outputIndex),
                name: try c.decodeIfPresent(String.self, forKey: .name) ?? "",
                arguments: try c.decode(String.self, forKey: .arguments)
            )
        case "response.reasoning_summary_part.added":
            self = .reasoningSummaryPartAdded(try location(.summaryIndex), part: try c.decode(ResponseReasoningItem.Summary.self, forKey: .part))
        case "response.reasoning_summary_text.delta":
            self = .reasoningSummaryTextDelta(try location(.summaryIndex), delta: try c.decode(String.self, forKey: .delta))
        case "response.reasoning_summary_text.done":
            self = .reasoningSummaryTextDone(try location(.summaryIndex), text: try c.decode(String.self, forKey: .text))
        case "response.reasoning_summary_part.done":
            self = .reasoningSummaryPartDone(try location(.summaryIndex), part: try c.decode(ResponseReasoningItem.Summary.self, forKey: .part))
        case "error":
            self = .error(
                code: try c.decodeIfPresent(String.self, forKey: .code),
                message: try c.decode(String.self, forKey: .message),
                param: try c.decodeIfPresent(String.self, forKey: .param)
            )
        default:
            var value = try JSONValue(from: decoder).objectValue ?? [:]
            value["sequence_number"] = nil
            self = .other(.object(value))
        }
    }

    public func encode(to encoder: Encoder) throws {
        if case .other(let value) = self {
            try value.encode(to: encoder)
            return
        }
        var c = encoder.container(keyedBy: CodingKeys.self)
        func encode(_ location: ResponsePartLocation, _ indexKey: CodingKeys) throws {
            try c.encode(location.itemID, forKey: .itemID)
            try c.encode(location.outputIndex, forKey: .outputIndex)
            try c.encode(location.partIndex, forKey: indexKey)
        }
        try c.encode(type, forKey: .type)
        switch self {
        case .created(let response), .inProgress(let response), .completed(let response),
            .incomplete(let response), .failed(let response):
            try c.encode(response, forKey: .response)
        case .outputItemAdded(let outputIndex, let item), .outputItemDone(let outputIndex, let item):
            try c.encode(outputIndex, forKey: .outputIndex)
            try c.encode(item, forKey: .item)
        case .contentPartAdded(let location, let part), .contentPartDone(let location, let part):
            try encode(location, .contentIndex)
            try c.encode(part, forKey: .part)
        case .outputTextDelta(let location, let delta):
            try encode(location, .contentIndex)
            try c.encode(delta, forKey: .delta)
            // OpenAI writes `logprobs` on text events even when none were asked for.
            try c.encode([JSONValue](), forKey: .logprobs)
        case .outputTextDone(let location, let text):
            try encode(location, .contentIndex)
            try c.encode(text, forKey: .text)
            try c.encode([JSONValue](), forKey: .logprobs)
        case .refusalDelta(let location, let delta):
            try encode(location, .contentIndex)
            try c.encode(delta, forKey: .delta)
        case .refusalDone(let location, let refusal):
            try encode(location, .contentIndex)
            try c.encode(refusal, forKey: .refusal)
        case .functionCallArgumentsDelta(let itemID, let outputIndex, let delta):
            try c.encode(itemID, forKey: .itemID)
            try c.encode(outputIndex, forKey: .outputIndex)
            try c.encode(delta, forKey: .delta)
        case .functionCallArgumentsDone(let itemID, let outputIndex, let name, let arguments):
            try c.encode(itemID, forKey: .itemID)
            try c.encode(outputIndex, forKey: .outputIndex)
            try c.encode(name, forKey: .name)
            try c.encode(arguments, forKey: .arguments)
        case .reasoningSummaryPartAdded(let location, let part), .reasoningSummaryPartDone(let location, let part):
            try encode(location, .summaryIndex)
            try c.encode(part, forKey: .part)
        case .reasoningSummaryTextDelta(let location, let delta):
            try encode(location, .summaryIndex)
            try c.encode(delta, forKey: .delta)
        case .reasoningSummaryTextDone(let location, let text):
            try encode(location, .summaryIndex)
            try c.encode(text, forKey: .text)
        case .error(let code, let message, let param):
            try c.encode(code, forKey: .code)
            try c.encode(message, forKey: .message)
            try c.encode(param, forKey: .param)
        case .other:
            break
        }
    }
}
