extension FakeAnthropicUpstream {
    /// The top-level members the Messages API accepts; it refuses any other ("Extra inputs are
    /// not permitted"), so an OpenAI-only field leaking through translation shows.
    static let knownMembers: Set<String> = [
        "model", "messages", "max_tokens", "system", "metadata", "stop_sequences", "stream", "temperature", "top_p", "top_k",
        "tools", "tool_choice", "thinking", "service_tier", "container", "mcp_servers", "context_management", "output_format",
        "output_config", "inference_geo", "cache_control",
    ]

    /// What the real API refuses with 400 `invalid_request_error`, in its words: an unknown
    /// top-level member; a missing `model`, `max_tokens` (on `/v1/messages`) or `messages`; a
    /// role other than user or
    /// assistant; `temperature` outside 0…1; a tool without a name or an object `input_schema`;
    /// a `tool_use` whose input is not an object, or that the next user turn does not answer
    /// with a `tool_result` of the same id; a `tool_result` answering no `tool_use` of the
    /// assistant turn just before it.
    static func problem(in json: [String: Any], path: String) -> String? {
        if let extra = json.keys.sorted().first(where: { !knownMembers.contains($0) }) {
            return "\(extra): Extra inputs are not permitted"
        }
        guard json["model"] is String else { return "model: Field required" }
        if path == "/v1/messages" && !(json["max_tokens"] is Int) { return "max_tokens: Field required" }
        if let temperature = json["temperature"] as? Double, !(0...1).contains(temperature) {
            return "temperature: Input should be less than or equal to 1"
        }
        for (index, tool) in (json["tools"] as? [[String: Any]] ?? []).enumerated() {
            guard tool["name"] is String else { return "tools.\(index).name: Field required" }
            guard (tool["input_schema"] as? [String: Any])?["type"] as? String == "object" else {
                return "tools.\(index).input_schema.type: Input should be 'object'"
            }
        }
        guard let messages = json["messages"] as? [[String: Any]] else { return "messages: Field required" }
        var unanswered: Set<String> = []
        for (index, message) in messages.enumerated() {
            let role = message["role"] as? String ?? ""
            guard ["user", "assistant"].contains(role) else { return "messages.\(index).role: Input should be 'user' or 'assistant'" }
            let blocks = message["content"] as? [[String: Any]] ?? []
            let results = Set(blocks.filter { $0["type"] as? String == "tool_result" }.compactMap { $0["tool_use_id"] as? String })
            if let stray = results.subtracting(unanswered).first {
                return "messages.\(index).content: unexpected `tool_use_id` found in `tool_result` blocks: \(stray). Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
            }
            if let missing = unanswered.subtracting(results).first {
                return "messages.\(index): `tool_use` ids were found without `tool_result` blocks immediately after: \(missing). Each `tool_use` block must have a corresponding `tool_result` block in the next message."
            }
            let uses = blocks.filter { $0["type"] as? String == "tool_use" }
            if uses.contains(where: { !($0["input"] is [String: Any]) }) {
                return "messages.\(index).content: tool_use.input: Input should be a valid dictionary"
            }
            unanswered = role == "assistant" ? Set(uses.compactMap { $0["id"] as? String }) : []
        }
        if let missing = unanswered.first {
            return "`tool_use` ids were found without `tool_result` blocks immediately after: \(missing)."
        }
        return nil
    }
}
