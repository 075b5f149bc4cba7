extension GatewayError {
    /// A provider answered without the picture or audio asked for, because its filters refused
    /// the prompt or the output, or the model answered otherwise; `reason` says which.
    ///
    /// A 400 with code `content_policy_violation`, as OpenAI answers a refused image prompt, so
    /// clients and `content_policy_fallbacks` treat it alike.
    static func noMedia(_ what: String, reason: String) -> GatewayError {
        GatewayError(
            .upstream(status: 400),
            "The provider returned no \(what): \(reason). The request may have been refused by its safety filters.",
            code: "content_policy_violation"
        )
    }

    /// Why a Gemini answer holds no output: a blocked prompt, a finish reason other than
    /// `STOP`, or the text the model wrote instead.
    static func geminiNoOutputReason(_ responses: [GeminiGenerateContentResponse]) -> String {
        for response in responses {
            if let blocked = response.promptFeedback?.blockReason {
                return "the prompt was blocked (\(blocked))"
            }
            for candidate in response.candidates ?? [] {
                if let finish = candidate.finishReason, finish != .stop {
                    let message = candidate.finishMessage.map { ": \($0)" } ?? ""
                    return "generation stopped with \(finish.rawValue)\(message)"
                }
            }
        }
        let text = responses.flatMap { $0.candidates ?? [] }
            .flatMap { $0.content?.parts ?? [] }
            .filter { !$0.isThought }
            .compactMap(\.text)
            .joined()
        if !text.isEmpty {
            let shown = text.count > 300 ? String(text.prefix(300)) + "…" : text
            return "the model answered with text only: \"\(shown)\""
        }
        return "the answer was empty"
    }
}
