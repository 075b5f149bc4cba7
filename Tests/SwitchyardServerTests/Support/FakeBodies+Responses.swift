/// Responses API bodies in the shape OpenAI documents them (the API reference's response
/// object and its streaming events), for a fake OpenAI upstream that has `/v1/responses`.
extension FakeBodies {
    static func response(id: String, model: String, text: String, status: String = "completed") -> String {
        """
        {
          "id": "\(id)",
          "object": "response",
          "created_at": 1741476542,
          "status": "\(status)",
          "background": false,
          "error": null,
          "incomplete_details": null,
          "instructions": null,
          "max_output_tokens": null,
          "model": "\(model)",
          "output": [\(message(id: "msg_\(id.dropFirst(5))", text: text))],
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
          "usage": {"input_tokens": 36, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 87, "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 123},
          "user": null,
          "metadata": {}
        }
        """
    }

    static func message(id: String, text: String, status: String = "completed") -> String {
        #"{"type":"message","id":"\#(id)","status":"\#(status)","role":"assistant","content":[{"type":"output_text","text":"\#(text)","annotations":[]}]}"#
    }

    /// The events OpenAI streams for a text answer, `words` one delta each.
    static func responseStreamEvents(id: String, model: String, words: [String]) -> [String] {
        let itemID = "msg_\(id.dropFirst(5))"
        let text = words.joined()
        let inProgress = compact(response(id: id, model: model, text: "", status: "in_progress"))
            .replacingOccurrences(of: "[\(message(id: itemID, text: ""))]", with: "[]")
            .replacingOccurrences(of: #","usage":{"input_tokens":36,"input_tokens_details":{"cached_tokens":0},"output_tokens":87,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":123}"#, with: #","usage":null"#)
        var sequence = 0
        var events: [String] = []
        func event(_ type: String, _ body: String) {
            events.append("event: \(type)\ndata: {\"type\":\"\(type)\",\(body),\"sequence_number\":\(sequence)}\n\n")
            sequence += 1
        }
        event("response.created", #""response":\#(inProgress)"#)
        event("response.in_progress", #""response":\#(inProgress)"#)
        event("response.output_item.added", #""output_index":0,"item":{"id":"\#(itemID)","type":"message","status":"in_progress","content":[],"role":"assistant"}"#)
        event("response.content_part.added", #""item_id":"\#(itemID)","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"text":""}"#)
        for word in words {
            event("response.output_text.delta", #""item_id":"\#(itemID)","output_index":0,"content_index":0,"delta":"\#(word)","logprobs":[]"#)
        }
        event("response.output_text.done", #""item_id":"\#(itemID)","output_index":0,"content_index":0,"text":"\#(text)","logprobs":[]"#)
        event("response.content_part.done", #""item_id":"\#(itemID)","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"text":"\#(text)"}"#)
        event("response.output_item.done", #""output_index":0,"item":\#(message(id: itemID, text: text))"#)
        event("response.completed", #""response":\#(compact(response(id: id, model: model, text: text)))"#)
        return events
    }

    /// The JSON on one line, as a `data:` line needs it.
    private static func compact(_ json: String) -> String {
        json.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            .replacingOccurrences(of: "\": ", with: "\":").replacingOccurrences(of: ", \"", with: ",\"")
    }
}
