import HTTPTypes
import Hummingbird
import Logging
import SwitchyardCore

/// What one successful attempt hands back to the engine.
struct AttemptResult: Sendable {
    var response: Response
    /// Seconds the answering upstream took (to the first byte for streams).
    var upstreamSeconds: Double
    /// A stream ends later: its body writer calls `DeploymentLedger.end` itself.
    var isStream: Bool
}

/// Runs one client request across deployments and model groups: the routing strategy picks
/// a deployment, retryable failures move to another one (with backoff when there is no
/// other), cooldowns eject failing deployments, then fallbacks and cold-start bridges apply.
///
/// Every client surface uses it; the surface supplies `attempt`, which sends one request to
/// one deployment.
struct RoutingEngine: Sendable {
    typealias Attempt = @Sendable (_ candidate: RouteTarget.Candidate, _ group: String) async throws -> AttemptResult

    let gateway: Gateway

    /// - Parameters:
    ///   - models: an OpenRouter-style list tried in order after `model` (no configured fallbacks then).
    ///   - requestFallbacks: a `fallbacks` list from the request body, replacing the configured one.
    func run(
        model: String,
        models: [String]? = nil,
        requestFallbacks: [String]? = nil,
        route: String,
        meter: RequestMeter,
        logger: Logger,
        attempt: @escaping Attempt
    ) async throws -> Response {
        do {
            var response = try await RequestMeter.$current.withValue(meter) {
                try await runMeasured(model: model, models: models, requestFallbacks: requestFallbacks, route: route, logger: logger, attempt: attempt)
            }
            meter.addRateLimitHeaders(to: &response.headers)
            let status = Int(response.status.code)
            if response.body.contentLength != nil {
                meter.finish(status: status)
            } else {
                // A stream: its account closes once the last byte is written (or the client leaves).
                let body = response.body
                response.body = ResponseBody { writer in
                    defer { meter.finish(status: status) }
                    try await body.write(writer)
                }
            }
            return response
        } catch {
            meter.finish(status: (error as? GatewayError)?.status ?? 500)
            throw error
        }
    }

    private func runMeasured(
        model: String,
        models: [String]?,
        requestFallbacks: [String]?,
        route: String,
        logger: Logger,
        attempt: @escaping Attempt
    ) async throws -> Response {
        let started = gateway.clock.now()
        let primary: @Sendable () async throws -> (Response, Double) = {
            try await runChain(model: model, models: models, requestFallbacks: requestFallbacks, logger: logger, attempt: attempt)
        }
        do {
            var (response, upstreamSeconds): (Response, Double)
            if let bridge = gateway.config.router.coldStartBridges[model], models == nil {
                (response, upstreamSeconds) = try await race(primary: primary, bridge: bridge, requested: model, logger: logger, attempt: attempt)
            } else {
                (response, upstreamSeconds) = try await primary()
            }
            let elapsed = gateway.clock.now() - started
            gateway.metrics.increment(GatewayMetrics.requests, ["route": route, "model_group": model, "status": String(response.status.code)])
            gateway.metrics.observe(GatewayMetrics.requestDuration, ["model_group": model], elapsed)
            gateway.metrics.observe(GatewayMetrics.gatewayOverhead, ["model_group": model], max(0, elapsed - upstreamSeconds))
            return response
        } catch {
            let status = (error as? GatewayError)?.status ?? 500
            gateway.metrics.increment(GatewayMetrics.requests, ["route": route, "model_group": model, "status": String(status)])
            throw error
        }
    }

    /// The requested group, then its fallbacks (or the `models` list), until one answers.
    private func runChain(
        model: String,
        models: [String]?,
        requestFallbacks: [String]?,
        logger: Logger,
        attempt: @escaping Attempt
    ) async throws -> (Response, Double) {
        var chain = [model] + (models ?? []).filter { $0 != model }
        let plan = FallbackPlan(requested: model, settings: gateway.config.router, requestFallbacks: requestFallbacks)
        var planned = models != nil
        var lastError: GatewayError?
        var depth = 0
        while depth < chain.count {
            let group = chain[depth]
            do {
                guard let target = gateway.registry.resolve(group) else { throw GatewayError.modelNotFound(group) }
                var (response, upstreamSeconds) = try await runGroup(target, logger: logger, attempt: attempt)
                if depth > 0 {
                    response.headers[.fallbackFrom] = model
                    response.headers[.fallbackDepth] = String(depth)
                    gateway.metrics.increment(GatewayMetrics.fallbacks, ["from": model, "to": group])
                }
                return (response, upstreamSeconds)
            } catch let error as GatewayError {
                if depth == 0 && error.kind == .modelNotFound && models == nil { throw error }
                lastError = error
                if !planned {
                    chain += plan.fallbacks(after: error)
                    planned = true
                } else if depth > 0 && !error.triggersFallback && !error.isContextWindowExceeded && !error.isContentPolicyViolation
                    && error.kind != .modelNotFound
                {
                    throw error
                }
                if depth + 1 < chain.count {
                    logger.warning(
                        "falling back",
                        metadata: ["switchyard.from": .string(group), "switchyard.to": .string(chain[depth + 1]), "switchyard.error": .string(error.message)]
                    )
                }
                depth += 1
            }
        }
        throw lastError ?? GatewayError.modelNotFound(model)
    }

    /// One model group: the first attempt plus `num_retries` retries.
    private func runGroup(_ target: RouteTarget, logger: Logger, attempt: @escaping Attempt) async throws -> (Response, Double) {
        let settings = gateway.config.router
        let attempts = max(1, settings.numRetries + 1)
        var generator = SystemRandomNumberGenerator()
        var tried = Set<Int>()
        var last: (key: Int, failures: Int)?
        var lastError: GatewayError?
        var allPanic = true
        for number in 0..<attempts {
            let candidate: RouteTarget.Candidate
            let sameAgain: Bool
            if let last, let previous = target.candidates.first(where: { $0.key == last.key }),
                last.failures <= (previous.deployment.maxRetries ?? 0)
            {
                // `max_retries` on a deployment: retry it before moving on.
                candidate = previous
                sameAgain = true
                allPanic = false
            } else {
                guard let choice = gateway.selector.choose(
                    from: target.candidates, tried: tried, last: last?.key, ledger: gateway.ledger, using: &generator
                ) else { break }
                candidate = choice.candidate
                sameAgain = choice.candidate.key == last?.key
                if !choice.panic { allPanic = false }
                if tried.count >= target.candidates.count { tried.removeAll() }
            }
            if number > 0 {
                gateway.metrics.increment(GatewayMetrics.retries, ["model_group": target.group])
                let delay = RetryBackoff.delay(
                    retry: number, sameDeployment: sameAgain, retryAfter: lastError?.retryAfter, minimum: settings.retryAfter,
                    using: &generator
                )
                if delay > 0 { try await gateway.clock.sleep(seconds: delay) }
            }
            let key = candidate.key
            gateway.ledger.begin(key)
            let started = gateway.clock.now()
            do {
                let result = try await attempt(candidate, target.group)
                gateway.ledger.succeed(key, latency: gateway.clock.now() - started, timeToFirstToken: result.isStream ? result.upstreamSeconds : nil)
                if !result.isStream { gateway.ledger.end(key) }
                return (result.response, result.upstreamSeconds)
            } catch let error as GatewayError {
                gateway.ledger.end(key)
                let cooled = gateway.ledger.fail(key, reason: error.message, countsTowardCooldown: error.triggersFallback)
                let deploymentLabels: KeyValuePairs<String, String> = ["model_group": target.group, "deployment": candidate.deployment.id]
                gateway.metrics.increment(
                    GatewayMetrics.upstreamErrors,
                    ["model_group": target.group, "deployment": candidate.deployment.id, "status": String(error.status)]
                )
                if cooled {
                    gateway.metrics.increment(GatewayMetrics.cooldowns, deploymentLabels)
                    logger.warning("deployment cooled down", metadata: ["switchyard.deployment": .string(candidate.deployment.id)])
                }
                logger.warning(
                    "attempt failed",
                    metadata: [
                        "switchyard.deployment": .string(candidate.deployment.id),
                        "switchyard.attempt": .stringConvertible(number + 1),
                        "switchyard.status": .stringConvertible(error.status),
                        "switchyard.error": .string(error.message),
                    ]
                )
                guard error.isRetryable else { throw error }
                lastError = error
                tried.insert(key)
                last = (key, last?.key == key ? last!.failures + 1 : 1)
            } catch {
                gateway.ledger.end(key)
                throw error
            }
        }
        let failure = lastError ?? GatewayError(.noHealthyDeployment, "No deployment of `\(target.group)` could be tried.")
        if allPanic {
            throw GatewayError(
                .noHealthyDeployment,
                "No healthy deployment for `\(target.group)`: every deployment is cooling down, and trying them anyway failed (\(failure.message)).",
                code: "no_healthy_deployment",
                retryAfter: gateway.config.router.cooldownTime
            )
        }
        throw failure
    }

    /// Races a cold-start bridge against the primary: the bridge starts once `bridge.delay`
    /// passes without an answer (or at once if the primary fails); the first answer wins and
    /// the other is cancelled.
    private func race(
        primary: @escaping @Sendable () async throws -> (Response, Double),
        bridge: ColdStartBridge,
        requested: String,
        logger: Logger,
        attempt: @escaping Attempt
    ) async throws -> (Response, Double) {
        enum Outcome: Sendable {
            case primary(Result<(Response, Double), any Error>)
            case bridge(Result<(Response, Double), any Error>)
            case timer
        }
        let clock = gateway.clock
        let runBridge: @Sendable () async throws -> (Response, Double) = {
            try await runChain(model: bridge.model, models: nil, requestFallbacks: [], logger: logger, attempt: attempt)
        }
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask { .primary(await capture(primary)) }
            group.addTask {
                try? await clock.sleep(seconds: bridge.delay)
                return .timer
            }
            var bridgeStarted = false
            var primaryError: (any Error)?
            var bridgeError: (any Error)?
            defer { group.cancelAll() }
            while let outcome = try await group.next() {
                switch outcome {
                case .primary(.success(let answer)):
                    return answer
                case .primary(.failure(let error)):
                    primaryError = error
                    if !bridgeStarted {
                        bridgeStarted = true
                        group.addTask { .bridge(await capture(runBridge)) }
                    } else if bridgeError != nil {
                        throw error
                    }
                case .timer:
                    if !bridgeStarted && !Task.isCancelled {
                        bridgeStarted = true
                        logger.info("primary slow to answer; racing the cold-start bridge", metadata: ["switchyard.bridge": .string(bridge.model)])
                        group.addTask { .bridge(await capture(runBridge)) }
                    }
                case .bridge(.success(var answer)):
                    answer.0.headers[.bridgedFrom] = requested
                    gateway.metrics.increment(GatewayMetrics.fallbacks, ["from": requested, "to": bridge.model])
                    return answer
                case .bridge(.failure(let error)):
                    bridgeError = error
                    if let primaryError { throw primaryError }
                }
            }
            throw primaryError ?? bridgeError ?? CancellationError()
        }
    }
}

extension HTTPField.Name {
    static let fallbackFrom = HTTPField.Name("x-fallback-from")!
    static let fallbackDepth = HTTPField.Name("x-fallback-depth")!
    static let bridgedFrom = HTTPField.Name("x-bridged-from")!
}

/// The outcome of `body` as a value, so a task group can report failures without ending.
func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
