/// What a candidate's parts say, in OpenAI terms.
struct GeminiCandidateContent {
    var text = ""
    var reasoning = ""
    var toolCalls: [ToolCall] = []
    /// The signature of a non-call part (the last one, if several).
    var signature: String?

    /// Reads `parts`; calls without an id get one derived from `seed`, `candidate` and the
    /// call's position (`firstCall` onwards, for streams that see calls one chunk at a time).
    init(_ parts: [GeminiPart], seed: String, candidate: Int, firstCall: Int = 0) {
        for part in parts {
            if let call = part.functionCall {
                let id = call.id ?? GeminiToolCallID.make(seed: seed, candidate: candidate, call: firstCall + toolCalls.count)
                let arguments = GeminiJSONText.compact(.object(call.args ?? [:]))
                toolCalls.append(
                    ToolCall(
                        id: id,
                        function: ToolCall.Function(name: call.name, arguments: arguments),
                        extra: GeminiThoughtSignature.extra(part.thoughtSignature)
                    )
                )
                continue
            }
            if let partText = part.text {
                if part.isThought { reasoning += partText } else { text += partText }
            }
            signature = part.thoughtSignature ?? signature
        }
    }
}
