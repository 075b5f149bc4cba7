/// Runs selected guardrails over a request's texts: the first `block` guardrail that finds
/// something stops the request; `mask` guardrails redact what they find and let it go on.
public struct GuardrailCheck: Sendable {
    public enum Outcome: Sendable {
        /// Nothing found, or only masked: the texts to send (changed where masked).
        case pass(masked: [GuardrailText]?)
        /// A `block` guardrail found something: its name and the first category found.
        case blocked(guardrail: String, category: GuardrailCategory)
    }

    public let guardrails: [GuardrailDefinition]

    public init(_ guardrails: [GuardrailDefinition]) {
        self.guardrails = guardrails
    }

    /// Guardrails run in config order, each over the texts as earlier ones left them.
    public func run(_ texts: [GuardrailText]) -> Outcome {
        var current = texts
        var changed = false
        for guardrail in guardrails {
            guard let detector = guardrail.detector else { continue }
            for (position, text) in current.enumerated() {
                let findings = detector.findings(in: text.text)
                guard let first = findings.first else { continue }
                switch guardrail.action {
                case .block:
                    return .blocked(guardrail: guardrail.name, category: first.category)
                case .mask:
                    current[position].text = GuardrailRedaction.masked(text.text, findings: findings)
                    changed = true
                }
            }
        }
        return .pass(masked: changed ? current : nil)
    }
}

extension GatewayError {
    /// A request (or an answer) a guardrail stopped: a 403 naming the guardrail and what it
    /// found (never the text itself), typed `guardrail_violation` on OpenAI routes.
    public static func guardrailViolation(guardrail: String, category: GuardrailCategory, inAnswer: Bool = false) -> GatewayError {
        guardrailViolation(guardrail: guardrail, found: category.rawValue, inAnswer: inAnswer)
    }

    /// The same 403 for what a guardrail names itself (a Presidio entity type: `CREDIT_CARD`).
    public static func guardrailViolation(guardrail: String, found: String, inAnswer: Bool = false) -> GatewayError {
        let what = inAnswer ? "The answer was blocked" : "The request was blocked"
        var error = GatewayError(.forbidden, "\(what) by the guardrail '\(guardrail)': it contains \(found).", code: "guardrail_violation")
        error.upstreamType = "guardrail_violation"
        return error
    }

    /// A guardrail that asks a service (a moderation model, Presidio) could not get its answer:
    /// the request is not sent (503, `guardrail_unavailable`), never let through unchecked.
    public static func guardrailUnavailable(_ guardrail: String, answer: Bool = false) -> GatewayError {
        let what = answer ? "the answer was not passed on" : "the request was not sent"
        var error = GatewayError(.noHealthyDeployment, "The guardrail '\(guardrail)' could not run, so \(what).", code: "guardrail_unavailable")
        error.retryAfter = 1
        return error
    }
}
