import Logging

extension RoutingLoop {
    /// Races a cold-start bridge against the primary: the bridge starts once `bridge.delay`
    /// passes without an answer (or at once if the primary fails); the first answer wins and
    /// the other is cancelled.
    @inlinable
    func race<Value: Sendable>(_ plan: RoutePlan, bridge: ColdStartBridge, logger: Logger, attempt: @escaping Attempt<Value>) async throws -> RoutedAnswer<Value> {
        let clock = clock
        let primary: @Sendable () async throws -> RoutedAnswer<Value> = { try await runChain(plan, logger: logger, attempt: attempt) }
        let runBridge: @Sendable () async throws -> RoutedAnswer<Value> = {
            try await runChain(RoutePlan(model: bridge.model, requestFallbacks: []), logger: logger, attempt: attempt)
        }
        return try await withThrowingTaskGroup(of: BridgeRaceOutcome<Value>.self) { group in
            group.addTask { .primary(await Self.capture(primary)) }
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
                        group.addTask { .bridge(await Self.capture(runBridge)) }
                    } else if bridgeError != nil {
                        throw error
                    }
                case .timer:
                    if !bridgeStarted && !Task.isCancelled {
                        bridgeStarted = true
                        logger.info("primary slow to answer; racing the cold-start bridge", metadata: ["switchyard.bridge": .string(bridge.model)])
                        group.addTask { .bridge(await Self.capture(runBridge)) }
                    }
                case .bridge(.success(var answer)):
                    answer.bridgedFrom = plan.model
                    metrics.increment(GatewayMetrics.fallbacks, ["from": registry.metricsLabel(plan.model), "to": registry.metricsLabel(bridge.model)])
                    return answer
                case .bridge(.failure(let error)):
                    bridgeError = error
                    if let primaryError { throw primaryError }
                }
            }
            throw primaryError ?? bridgeError ?? CancellationError()
        }
    }

    /// The outcome of `body` as a value, so a task group can report failures without ending.
    @inlinable
    static func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}

/// What finished first in a cold-start race.
@usableFromInline
enum BridgeRaceOutcome<Value: Sendable>: Sendable {
    case primary(Result<RoutedAnswer<Value>, any Error>)
    case bridge(Result<RoutedAnswer<Value>, any Error>)
    case timer
}
