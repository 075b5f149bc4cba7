import Logging

/// Runs one request across deployments and model groups: the routing strategy picks a
/// deployment, retryable failures move to another one (with backoff when there is no other),
/// cooldowns eject failing deployments, then fallbacks and cold-start bridges apply.
///
/// Generic over what an attempt produces, and driven by the injected clock, so it runs in
/// tests with no sockets. Every operation on every surface goes through it; the caller
/// supplies `attempt`, which sends one request to one deployment.
public struct RoutingLoop: Sendable {
    public typealias Attempt<Value: Sendable> = @Sendable (_ candidate: RouteTarget.Candidate, _ group: String) async throws -> RouteAttempt<Value>

    public let registry: ModelRegistry
    public let ledger: DeploymentLedger
    public let selector: DeploymentSelector
    public let settings: RouterSettings
    public let clock: any GatewayClock
    public let metrics: GatewayMetrics

    public init(
        registry: ModelRegistry, ledger: DeploymentLedger, selector: DeploymentSelector, settings: RouterSettings,
        clock: any GatewayClock, metrics: GatewayMetrics
    ) {
        self.registry = registry
        self.ledger = ledger
        self.selector = selector
        self.settings = settings
        self.clock = clock
        self.metrics = metrics
    }

    // The loop is inlinable so the server's calls are specialized for its answer type: run
    // unspecialized across the module boundary, every attempt paid for generic metadata.
    @inlinable
    public func run<Value: Sendable>(_ plan: RoutePlan, logger: Logger, attempt: @escaping Attempt<Value>) async throws -> RoutedAnswer<Value> {
        if let bridge = settings.coldStartBridges[plan.model], plan.models == nil {
            return try await race(plan, bridge: bridge, logger: logger, attempt: attempt)
        }
        return try await runChain(plan, logger: logger, attempt: attempt)
    }

    /// The requested group, then its fallbacks (or the `models` list), until one answers.
    @inlinable
    func runChain<Value: Sendable>(_ plan: RoutePlan, logger: Logger, attempt: @escaping Attempt<Value>) async throws -> RoutedAnswer<Value> {
        let model = plan.model
        var chain = [model] + (plan.models ?? []).filter { $0 != model }
        let fallbacks = FallbackPlan(requested: model, settings: settings, requestFallbacks: plan.requestFallbacks)
        var planned = plan.models != nil
        var lastError: GatewayError?
        var depth = 0
        while depth < chain.count {
            let group = chain[depth]
            do {
                guard let target = registry.resolve(group) else { throw GatewayError.modelNotFound(group) }
                let (candidate, answer) = try await runGroup(target, logger: logger, attempt: attempt)
                if depth > 0 { metrics.increment(GatewayMetrics.fallbacks, ["from": registry.metricsLabel(model), "to": target.configuredName]) }
                return RoutedAnswer(value: answer.value, upstreamSeconds: answer.upstreamSeconds, group: target.group, candidate: candidate, fallbackDepth: depth)
            } catch let error as GatewayError {
                if depth == 0 && error.kind == .modelNotFound && plan.models == nil { throw error }
                lastError = error
                if !planned {
                    chain += fallbacks.fallbacks(after: error)
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
    @inlinable
    func runGroup<Value: Sendable>(
        _ target: RouteTarget, logger: Logger, attempt: @escaping Attempt<Value>
    ) async throws -> (RouteTarget.Candidate, RouteAttempt<Value>) {
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
                guard let choice = selector.choose(from: target.candidates, tried: tried, last: last?.key, ledger: ledger, using: &generator) else { break }
                candidate = choice.candidate
                sameAgain = choice.candidate.key == last?.key
                if !choice.panic { allPanic = false }
                if tried.count >= target.candidates.count { tried.removeAll() }
            }
            if number > 0 {
                metrics.increment(GatewayMetrics.retries, ["model_group": target.configuredName])
                let delay = RetryBackoff.delay(
                    retry: number, sameDeployment: sameAgain, retryAfter: lastError?.retryAfter, minimum: settings.retryAfter, using: &generator
                )
                if delay > 0 { try await clock.sleep(seconds: delay) }
            }
            let key = candidate.key
            ledger.begin(key)
            let started = clock.now()
            do {
                let result = try await attempt(candidate, target.group)
                ledger.succeed(key, latency: clock.now() - started, timeToFirstToken: result.keepsSlot ? result.upstreamSeconds : nil)
                if !result.keepsSlot { ledger.end(key) }
                return (candidate, result)
            } catch let error as GatewayError {
                ledger.end(key)
                record(error, candidate: candidate, group: target.configuredName, attempt: number + 1, logger: logger)
                guard error.isRetryable else { throw error }
                lastError = error
                tried.insert(key)
                last = (key, last?.key == key ? last!.failures + 1 : 1)
            } catch {
                ledger.end(key)
                throw error
            }
        }
        let failure = lastError ?? GatewayError(.noHealthyDeployment, "No deployment of `\(target.group)` could be tried.")
        if allPanic {
            throw GatewayError(
                .noHealthyDeployment,
                "No healthy deployment for `\(target.group)`: every deployment is cooling down, and trying them anyway failed (\(failure.message)).",
                code: "no_healthy_deployment",
                retryAfter: settings.cooldownTime
            )
        }
        throw failure
    }

    /// Books a failed attempt: the deployment's failure count (and cooldown), metrics, a log line.
    @usableFromInline
    func record(_ error: GatewayError, candidate: RouteTarget.Candidate, group: String, attempt: Int, logger: Logger) {
        let cooled = ledger.fail(candidate.key, reason: error.message, countsTowardCooldown: error.triggersFallback)
        metrics.increment(GatewayMetrics.upstreamErrors, ["model_group": group, "deployment": candidate.deployment.id, "status": String(error.status)])
        if cooled {
            metrics.increment(GatewayMetrics.cooldowns, ["model_group": group, "deployment": candidate.deployment.id])
            logger.warning("deployment cooled down", metadata: ["switchyard.deployment": .string(candidate.deployment.id)])
        }
        logger.warning(
            "attempt failed",
            metadata: [
                "switchyard.deployment": .string(candidate.deployment.id),
                "switchyard.attempt": .stringConvertible(attempt),
                "switchyard.status": .stringConvertible(error.status),
                "switchyard.error": .string(error.message),
            ]
        )
    }
}
