/// The text one streamed event adds, per channel, in the stream format a client of a surface
/// reads: chat chunks' content and tool-call arguments, Responses' text and argument deltas,
/// Anthropic's text and JSON deltas, Gemini's parts.
///
/// A channel keeps apart texts that are not one text (the answer, each tool call's
/// arguments), so nothing is found across their seam.
public enum GuardrailStreamDeltas {
    public struct Delta: Sendable, Hashable {
        public var channel: String
        public var text: String

        public init(channel: String, text: String) {
            self.channel = channel
            self.text = text
        }
    }

    /// The deltas in one event's `data` JSON.
    public static func deltas(in payload: JSONValue, surface: GuardrailSurface) -> [Delta] {
        var deltas: [Delta] = []
        func add(_ channel: String, _ value: JSONValue?) {
            if let text = value?.stringValue, !text.isEmpty { deltas.append(Delta(channel: channel, text: text)) }
        }
        switch surface {
        case .chatCompletions:
            for choice in payload["choices"]?.arrayValue ?? [] {
                let index = choice["index"]?.intValue ?? 0
                add("\(index)", choice["delta"]?["content"])
                add("\(index).refusal", choice["delta"]?["refusal"])
                for call in choice["delta"]?["tool_calls"]?.arrayValue ?? [] {
                    add("\(index).tool.\(call["index"]?.intValue ?? 0)", call["function"]?["arguments"])
                }
            }
        case .completions:
            for choice in payload["choices"]?.arrayValue ?? [] {
                add("\(choice["index"]?.intValue ?? 0)", choice["text"])
            }
        case .responses:
            switch payload["type"]?.stringValue {
            case "response.output_text.delta", "response.refusal.delta", "response.function_call_arguments.delta":
                add(payload["item_id"]?.stringValue ?? "\(payload["output_index"]?.intValue ?? 0)", payload["delta"])
            default: break
            }
        case .anthropicMessages:
            guard payload["type"]?.stringValue == "content_block_delta" else { break }
            let channel = "\(payload["index"]?.intValue ?? 0)"
            add(channel, payload["delta"]?["text"])
            add(channel, payload["delta"]?["partial_json"])
        case .geminiGenerateContent:
            for candidate in payload["candidates"]?.arrayValue ?? [] {
                let index = candidate["index"]?.intValue ?? 0
                for part in candidate["content"]?["parts"]?.arrayValue ?? [] where part["thought"]?.boolValue != true {
                    add("\(index)", part["text"])
                    if let args = (part["functionCall"] ?? part["function_call"])?["args"] {
                        var collector = GuardrailTextCollector()
                        collector.addLeaves(args, at: JSONPath(), .toolArguments)
                        for leaf in collector.texts { add("\(index).call", .string(leaf.text)) }
                    }
                }
            }
        case .embeddings:
            break
        }
        return deltas
    }
}
