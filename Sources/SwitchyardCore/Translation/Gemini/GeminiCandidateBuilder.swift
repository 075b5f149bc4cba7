/// Gemini candidates and parts from OpenAI assistant output.
enum GeminiCandidateBuilder {
    /// The candidate for a whole assistant message: reasoning as a thought part, then the text
    /// (or refusal) with the message's signature, then the function calls.
    static func candidate(message: ChatMessage, index: Int, finishReason: FinishReason?) -> GeminiCandidate {
        var parts: [GeminiPart] = []
        if let reasoning = message.reasoningContent, !reasoning.isEmpty {
            parts.append(GeminiPart(text: reasoning, thought: true))
        }
        // A refusal is the answer's text as far as a Gemini client can tell.
        let text = message.content.map(\.text).flatMap { $0.isEmpty ? nil : $0 } ?? message.refusal ?? ""
        let signature = GeminiThoughtSignature.read(from: message.extra)
        if !text.isEmpty || signature != nil {
            parts.append(GeminiPart(text: text, thoughtSignature: signature))
        }
        var malformed = false
        for call in message.toolCalls ?? [] {
            let signature = GeminiThoughtSignature.read(from: call.extra)
            let part = functionCallPart(
                id: call.id,
                name: call.function.name,
                arguments: call.function.arguments,
                signature: signature
            )
            if let part { parts.append(part) } else { malformed = true }
        }
        return finished(parts: parts, index: index, finishReason: finishReason, malformed: malformed)
    }

    /// A `functionCall` part; nil when `arguments` is not a JSON object (empty counts as `{}`).
    static func functionCallPart(id: String?, name: String, arguments: String, signature: String?) -> GeminiPart? {
        let args: [String: JSONValue]
        if arguments.allSatisfy(\.isWhitespace) {
            args = [:]
        } else if let object = GeminiJSONText.parseObject(arguments) {
            args = object
        } else {
            return nil
        }
        return GeminiPart(functionCall: GeminiFunctionCall(id: id, name: name, args: args), thoughtSignature: signature)
    }

    /// A candidate with `parts`, finishing as `finishReason` says (or as a malformed call).
    ///
    /// A candidate always has content, with an empty text part when there is nothing else,
    /// because clients read `candidates[0].content.parts[0].text` without checking.
    static func finished(parts: [GeminiPart], index: Int, finishReason: FinishReason?, malformed: Bool) -> GeminiCandidate {
        let reason: GeminiFinishReason? = malformed ? .malformedFunctionCall : finishReason.map(GeminiFinishReason.init(openAI:))
        return GeminiCandidate(
            content: GeminiContent(role: .model, parts: parts.isEmpty ? [GeminiPart(text: "")] : parts),
            finishReason: reason,
            index: index,
            finishMessage: malformed ? "A function call's arguments were not a JSON object." : nil
        )
    }
}
