import Synchronization
import SwitchyardCore
import Tracing

/// One request's spans: its own (kind server) and a child (kind client) per upstream attempt,
/// so retries and fallbacks show as siblings. A failed attempt's span ends when it fails; the
/// answering attempt's lasts until the answer is whole (a stream's last byte) and carries its
/// usage, as the request's span does.
final class RequestTrace: Sendable {
    private struct State {
        var answering: (any Span)?
        var cache: String?
        var attempts = 0
        var ended = false
    }

    private let tracer: any Tracer
    private let span: any Span
    private let operationName: String
    private let state = Mutex(State())

    init(tracer: any Tracer, span: any Span, operationName: String) {
        self.tracer = tracer
        self.span = span
        self.operationName = operationName
    }

    /// Runs one upstream attempt in a span of its own, whose W3C trace context goes upstream
    /// with the attempt's request.
    func attempt(
        _ candidate: RouteTarget.Candidate, _ body: () async throws -> RouteAttempt<ProxiedAnswer>
    ) async throws -> RouteAttempt<ProxiedAnswer> {
        let deployment = candidate.deployment
        let span = tracer.startSpan("\(operationName) \(candidate.upstreamModel)", context: self.span.context, ofKind: .client)
        let number = state.withLock { state in
            state.attempts += 1
            return state.attempts
        }
        span.updateAttributes { attributes in
            attributes["gen_ai.operation.name"] = operationName
            attributes["gen_ai.request.model"] = candidate.upstreamModel
            attributes["gen_ai.provider.name"] = GenAIConventions.providerName(deployment.provider)
            attributes["switchyard.deployment"] = deployment.id
            attributes["switchyard.attempt"] = number
        }
        var headers: [(name: String, value: String)] = []
        tracer.inject(span.context, into: &headers, using: TraceHeadersInjector())
        do {
            let attempt = try await UpstreamTraceHeaders.$current.withValue(headers, operation: body)
            span.updateAttributes { $0["http.response.status_code"] = attempt.value.status }
            let earlier = state.withLock { state in
                defer { state.answering = span }
                return state.answering
            }
            earlier?.end()
            return attempt
        } catch {
            let failure = error as? GatewayError
            span.updateAttributes { attributes in
                attributes["error.type"] = failure?.code ?? String(describing: type(of: error))
                if let failure { attributes["http.response.status_code"] = failure.status }
            }
            span.setStatus(SpanStatus(code: .error, message: failure?.message ?? String(describing: error)))
            span.end()
            throw error
        }
    }

    /// What the response cache did: `hit`, `miss` or `bypass`.
    func noteCache(_ status: String) {
        state.withLock { $0.cache = status }
    }

    /// Ends the request's span (and its answering attempt's) with what the meter recorded.
    /// Only the first call counts.
    func end(_ outcome: Outcome) {
        let ended = state.withLock { state -> State? in
            guard !state.ended else { return nil }
            state.ended = true
            return state
        }
        guard let ended else { return }
        let tokens = outcome.usage?.tokens
        if let answering = ended.answering {
            answering.updateAttributes { attributes in
                Self.setUsage(tokens, in: &attributes)
                attributes["gen_ai.response.model"] = outcome.responseModel
            }
            answering.end()
        }
        let failed = outcome.status >= 500 || outcome.status == 499
        span.updateAttributes { attributes in
            Self.setUsage(tokens, in: &attributes)
            attributes["http.response.status_code"] = outcome.status
            attributes["gen_ai.response.model"] = outcome.responseModel
            attributes["gen_ai.provider.name"] = outcome.provider.map(GenAIConventions.providerName)
            attributes["switchyard.deployment"] = outcome.deployment
            attributes["switchyard.key_alias"] = outcome.keyAlias
            attributes["switchyard.team_id"] = outcome.teamID
            attributes["switchyard.cost_usd"] = outcome.costKnown ? outcome.cost : nil
            attributes["switchyard.cache"] = ended.cache
            if let refusal = outcome.refusal {
                attributes["error.type"] = refusal
            } else if failed {
                attributes["error.type"] = String(outcome.status)
            }
        }
        if failed { span.setStatus(SpanStatus(code: .error)) }
        span.end()
    }

    /// Ends the request's span for a request refused before it was admitted.
    func end(refusal error: any Error) {
        let status = (error as? GatewayError)?.status ?? 500
        end(Outcome(status: status, refusal: (error as? GatewayError)?.code ?? String(status)))
    }

    private static func setUsage(_ tokens: Usage?, in attributes: inout SpanAttributes) {
        guard let tokens else { return }
        attributes["gen_ai.usage.input_tokens"] = tokens.promptTokens
        attributes["gen_ai.usage.output_tokens"] = tokens.completionTokens
    }

    /// How a request ended, as its meter recorded it.
    struct Outcome {
        var status: Int
        var usage: MeteredUsage?
        var cost: Double = 0
        var costKnown = false
        var deployment: String?
        var provider: ProviderKind?
        /// The upstream model id of the deployment that answered.
        var responseModel: String?
        var keyAlias: String?
        var teamID: String?
        /// Why the request was refused before admission (`error.type`), if it was.
        var refusal: String?
    }
}
