/// Anthropic's Messages API bodies and stream events, written out as the API documents them
/// (docs.anthropic.com: Messages, Streaming Messages, Errors).
enum FakeAnthropicWire {
    static let messageID = "msg_01FakeAnthropicUpstream"
    static let toolUseID = "toolu_01FakeAnthropicUpstream"
    /// What Anthropic sends for a stream, charset included.
    static let streamType = "text/event-stream; charset=utf-8"

    /// - Parameter cut: whether `max_tokens` cut the reply (`stop_reason` `max_tokens`).
    static func textMessage(model: String, text: String, input: Int, output: Int, cut: Bool = false) -> String {
        let stopReason = cut ? "max_tokens" : "end_turn"
        return message(model: model, content: #"[{"type":"text","text":\#(FakeResponse.quoted(text))}]"#, stopReason: stopReason, input: input, output: output)
    }

    static func toolUseMessage(model: String, name: String, input arguments: String, inputTokens: Int) -> String {
        let block = #"{"type":"tool_use","id":"\#(toolUseID)","name":\#(FakeResponse.quoted(name)),"input":\#(arguments)}"#
        return message(model: model, content: "[\(block)]", stopReason: "tool_use", input: inputTokens, output: FakeProviderBehavior.toolCallOutputTokens)
    }

    private static func message(model: String, content: String, stopReason: String, input: Int, output: Int) -> String {
        #"{"id":"\#(messageID)","type":"message","role":"assistant","model":\#(FakeResponse.quoted(model)),"content":\#(content),"stop_reason":"\#(stopReason)","stop_sequence":null,"usage":\#(usage(input: input, output: output))}"#
    }

    private static func usage(input: Int, output: Int) -> String {
        #"{"input_tokens":\#(input),"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":\#(output)}"#
    }

    /// `message_start`, a text block (`content_block_start`, `ping`, one `text_delta` a piece,
    /// `content_block_stop`), `message_delta` with the stop reason and output tokens, `message_stop`.
    static func textStream(model: String, pieces: [String], input: Int, cut: Bool = false) -> [String] {
        let deltas = pieces.map { #"{"type":"text_delta","text":\#(FakeResponse.quoted($0))}"# }
        return stream(model: model, block: #"{"type":"text","text":""}"#, deltas: deltas, stopReason: cut ? "max_tokens" : "end_turn", input: input, output: pieces.count)
    }

    /// A `tool_use` block whose input arrives as `input_json_delta` pieces (the first empty,
    /// as Anthropic sends it), stopping with `tool_use`.
    static func toolUseStream(model: String, name: String, input arguments: String, inputTokens: Int) -> [String] {
        let block = #"{"type":"tool_use","id":"\#(toolUseID)","name":\#(FakeResponse.quoted(name)),"input":{}}"#
        let pieces = [""] + stride(from: 0, to: arguments.count, by: 7).map { start in
            String(arguments.dropFirst(start).prefix(7))
        }
        let deltas = pieces.map { #"{"type":"input_json_delta","partial_json":\#(FakeResponse.quoted($0))}"# }
        return stream(model: model, block: block, deltas: deltas, stopReason: "tool_use", input: inputTokens, output: FakeProviderBehavior.toolCallOutputTokens)
    }

    private static func stream(model: String, block: String, deltas: [String], stopReason: String, input: Int, output: Int) -> [String] {
        let start = #"{"type":"message","id":"\#(messageID)","role":"assistant","model":\#(FakeResponse.quoted(model)),"content":[],"stop_reason":null,"stop_sequence":null,"usage":\#(usage(input: input, output: 1))}"#
        var events = [
            event("message_start", #"{"type":"message_start","message":\#(start)}"#),
            event("content_block_start", #"{"type":"content_block_start","index":0,"content_block":\#(block)}"#),
            event("ping", #"{"type": "ping"}"#),
        ]
        for delta in deltas {
            events.append(event("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":\#(delta)}"#))
        }
        events.append(event("content_block_stop", #"{"type":"content_block_stop","index":0}"#))
        events.append(event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"\#(stopReason)","stop_sequence":null},"usage":{"output_tokens":\#(output)}}"#))
        events.append(event("message_stop", #"{"type":"message_stop"}"#))
        return events
    }

    /// One server-sent event: the event name, then the JSON that repeats it as `type`.
    static func event(_ name: String, _ data: String) -> String {
        "event: \(name)\ndata: \(data)\n\n"
    }

    static func error(type: String, message: String) -> String {
        #"{"type":"error","error":{"type":"\#(type)","message":\#(FakeResponse.quoted(message))},"request_id":"req_01FakeAnthropicUpstream"}"#
    }

    /// The error types of Anthropic's errors page, by HTTP status.
    static let errorTypes = [
        400: "invalid_request_error", 401: "authentication_error", 402: "billing_error", 403: "permission_error",
        404: "not_found_error", 413: "request_too_large", 429: "rate_limit_error", 500: "api_error",
        504: "timeout_error", 529: "overloaded_error",
    ]

    /// The error type Anthropic documents for an HTTP status.
    static func errorType(status: Int) -> String {
        errorTypes[status] ?? (status < 500 ? "invalid_request_error" : "api_error")
    }
}
