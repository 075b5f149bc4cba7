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
        span.attributes["gen_ai.operation.name"] = operationName
        span.attributes["gen_ai.request.model"] = candidate.upstreamModel
        span.attributes["gen_ai.provider.name"] = GenAIConventions.providerName(deployment.provider)
        span.attributes["switchyard.deployment"] = deployment.id
        span.attributes["switchyard.attempt"] = state.withLock { state in
            state.attempts += 1
            return state.attempts
        }
        var headers: [(name: String, value: String)] = []
        tracer.inject(span.context, into: &headers, using: TraceHeadersInjector())
        do {
            let attempt = try await UpstreamTraceHeaders.$current.withValue(headers, operation: body)
            span.attributes["http.response.status_code"] = attempt.value.status
            let earlier = state.withLock { state in
                defer { state.answering = span }
                return state.answering
            }
            earlier?.end()
            return attempt
        } catch {
            let failure = error as? GatewayError
            span.attributes["error.type"] = failure?.code ?? String(describing: type(of: error))
            if let failure { span.attributes["http.response.status_code"] = failure.status }
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
        if let answering = ended.answering {
            outcome.usage?.tokens.map { Self.setUsage($0, on: answering) }
            answering.attributes["gen_ai.response.model"] = outcome.responseModel
            answering.end()
        }
        outcome.usage?.tokens.map { Self.setUsage($0, on: span) }
        span.attributes["http.response.status_code"] = outcome.status
        span.attributes["gen_ai.response.model"] = outcome.responseModel
        span.attributes["gen_ai.provider.name"] = outcome.provider.map(GenAIConventions.providerName)
        span.attributes["switchyard.deployment"] = outcome.deployment
        span.attributes["switchyard.key_alias"] = outcome.keyAlias
        span.attributes["switchyard.team_id"] = outcome.teamID
        span.attributes["switchyard.cost_usd"] = outcome.costKnown ? outcome.cost : nil
        span.attributes["switchyard.cache"] = ended.cache
        if outcome.status >= 500 || outcome.status == 499 {
            span.attributes["error.type"] = String(outcome.status)
            span.setStatus(SpanStatus(code: .error))
        }
        span.end()
    }

    /// Ends the request's span for a request refused before it was admitted.
    func end(refusal error: any Error) {
        let status = (error as? GatewayError)?.status ?? 500
        span.attributes["error.type"] = (error as? GatewayError)?.code ?? String(status)
        end(Outcome(status: status))
    }

    private static func setUsage(_ tokens: Usage, on span: any Span) {
        span.attributes["gen_ai.usage.input_tokens"] = tokens.promptTokens
        span.attributes["gen_ai.usage.output_tokens"] = tokens.completionTokens
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
    }
}
