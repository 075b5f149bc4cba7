import Logging
import Synchronization
import Testing
@testable import SwitchyardCore

/// The routing loop with no sockets: attempts are closures, time is a manual clock.
@Suite struct RoutingLoopTests {
    final class TestClock: GatewayClock {
        private let state = Mutex((now: 100.0, sleeps: [Double]()))
        func now() -> Double { state.withLock { $0.now } }
        func wallTime() -> Double { 1_795_521_600 + now() }
        var sleeps: [Double] { state.withLock { $0.sleeps } }
        func sleep(seconds: Double) async throws {
            state.withLock {
                $0.sleeps.append(seconds)
                $0.now += seconds
            }
        }
    }

    /// Who was tried, in order.
    final class Journal: Sendable {
        private let tried = Mutex([String]())
        func add(_ id: String) { tried.withLock { $0.append(id) } }
        var all: [String] { tried.withLock { $0 } }
    }

    static func loop(_ yaml: String, clock: TestClock = TestClock()) throws -> RoutingLoop {
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        let config = try #require(result.config)
        let ledger = DeploymentLedger(
            deploymentCount: config.deployments.count, allowedFails: config.router.allowedFails, cooldownTime: config.router.cooldownTime, clock: clock
        )
        return RoutingLoop(
            registry: ModelRegistry(config: config), ledger: ledger, selector: DeploymentSelector(strategy: config.router.routingStrategy),
            settings: config.router, clock: clock, metrics: GatewayMetrics()
        )
    }

    static let twoGroups = """
        model_list:
          - model_name: a
            litellm_params: {model: mock/a1}
          - model_name: a
            litellm_params: {model: mock/a2}
          - model_name: b
            litellm_params: {model: mock/b1}
          - model_name: c
            litellm_params: {model: mock/c1}
        router_settings:
          num_retries: 1
          allowed_fails: 1
          cooldown_time: 30
          fallbacks: [{a: [b]}]
        """

    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// An attempt that fails with `failures[deployment id]` and otherwise answers the id.
    static func attempt(_ journal: Journal, failures: [String: GatewayError]) -> RoutingLoop.Attempt<String> {
        { candidate, _ in
            journal.add(candidate.deployment.id)
            if let error = failures[candidate.deployment.id] { throw error }
            return RouteAttempt(value: candidate.deployment.id, upstreamSeconds: 0.01, keepsSlot: false)
        }
    }

    static let serverError = GatewayError(.upstream(status: 500), "boom")

    @Test func aRetryGoesToTheOtherDeploymentOfTheGroup() async throws {
        let loop = try Self.loop(Self.twoGroups)
        let journal = Journal()
        // Whichever deployment goes first fails; the retry must pick the other.
        let answer = try await loop.run(RoutePlan(model: "a"), logger: Self.quiet) { candidate, _ in
            journal.add(candidate.deployment.id)
            if journal.all.count == 1 { throw Self.serverError }
            return RouteAttempt(value: candidate.deployment.id, upstreamSeconds: 0, keepsSlot: false)
        }
        #expect(journal.all.count == 2)
        #expect(Set(journal.all) == ["mock/a1", "mock/a2"])
        #expect(answer.value == journal.all[1])
        #expect(answer.group == "a")
        #expect(answer.fallbackDepth == 0)
    }

    @Test func configuredFallbacksRunAfterTheGroupsRetries() async throws {
        let clock = TestClock()
        let loop = try Self.loop(Self.twoGroups, clock: clock)
        let journal = Journal()
        let answer = try await loop.run(
            RoutePlan(model: "a"), logger: Self.quiet,
            attempt: Self.attempt(journal, failures: ["mock/a1": Self.serverError, "mock/a2": Self.serverError])
        )
        #expect(Set(journal.all.prefix(2)) == ["mock/a1", "mock/a2"])
        #expect(journal.all.last == "mock/b1")
        #expect(answer.value == "mock/b1")
        #expect(answer.group == "b")
        #expect(answer.fallbackDepth == 1)
        #expect(answer.candidate.deployment.id == "mock/b1")
        // Both of `a` failed once with allowed_fails 1: both are cooling on the injected clock,
        // and recover once 30 s of it have passed.
        let states = loop.ledger.snapshot()
        #expect(states[0].cooldownUntil > clock.now() && states[1].cooldownUntil > clock.now())
        #expect(states[0].cooldownUntil <= clock.now() + 30 && states[1].cooldownUntil <= clock.now() + 30)
    }

    @Test func aClientsFallbacksReplaceTheConfiguredOnes() async throws {
        let loop = try Self.loop(Self.twoGroups)
        let journal = Journal()
        let answer = try await loop.run(
            RoutePlan(model: "a", requestFallbacks: ["c"]), logger: Self.quiet,
            attempt: Self.attempt(journal, failures: ["mock/a1": Self.serverError, "mock/a2": Self.serverError])
        )
        #expect(answer.group == "c")
        #expect(!journal.all.contains("mock/b1"))
    }

    @Test func anErrorTheRequestCausedEndsTheLoopAtOnce() async throws {
        let loop = try Self.loop(Self.twoGroups)
        let journal = Journal()
        let invalid = GatewayError(.upstream(status: 400), "bad request")
        await #expect(throws: invalid) {
            try await loop.run(RoutePlan(model: "a"), logger: Self.quiet, attempt: Self.attempt(journal, failures: ["mock/a1": invalid, "mock/a2": invalid]))
        }
        #expect(journal.all.count == 1, "no retry and no fallback for a 400")
    }

    @Test func aModelsListSkipsAnUnknownFirstModel() async throws {
        let loop = try Self.loop(Self.twoGroups)
        let journal = Journal()
        let answer = try await loop.run(RoutePlan(model: "nope", models: ["c"]), logger: Self.quiet, attempt: Self.attempt(journal, failures: [:]))
        #expect(answer.group == "c")
        #expect(answer.fallbackDepth == 1)
        await #expect(throws: GatewayError.modelNotFound("nope")) {
            try await loop.run(RoutePlan(model: "nope"), logger: Self.quiet, attempt: Self.attempt(journal, failures: [:]))
        }
    }

    @Test func retryingTheOnlyDeploymentBacksOffOnTheInjectedClock() async throws {
        let clock = TestClock()
        let loop = try Self.loop(
            """
            model_list:
              - model_name: solo
                litellm_params: {model: mock/s}
            router_settings: {num_retries: 2, allowed_fails: 10}
            """,
            clock: clock
        )
        let journal = Journal()
        await #expect(throws: GatewayError.self) {
            try await loop.run(RoutePlan(model: "solo"), logger: Self.quiet, attempt: Self.attempt(journal, failures: ["mock/s": Self.serverError]))
        }
        #expect(journal.all == ["mock/s", "mock/s", "mock/s"])
        #expect(clock.sleeps.count == 2)
        #expect(clock.sleeps.allSatisfy { $0 > 0 && $0 <= 8 })
    }

    @Test func theClientNamedModelsAreTheAskedOneThenModelsThenFallbacksOnceEach() {
        let plan = RoutePlan(model: "a", models: ["b", "a"], requestFallbacks: ["c", "b"])
        #expect(plan.clientNamedModels == ["a", "b", "c"])
    }
}
