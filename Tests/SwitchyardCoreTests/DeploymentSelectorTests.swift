import Synchronization
import Testing

@testable import SwitchyardCore

/// A clock moved by hand.
final class TestClock: GatewayClock {
    private let time = Mutex(0.0)
    func now() -> Double { time.withLock { $0 } }
    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
    func sleep(seconds: Double) async throws { advance(seconds) }
}

@Suite struct DeploymentSelectorTests {
    static func candidates(_ specs: [(order: Int?, weight: Double, rpm: Int?, tpm: Int?)]) -> [RouteTarget.Candidate] {
        specs.enumerated().map { key, spec in
            var deployment = Deployment(modelName: "g", provider: .openai, upstreamModel: "m\(key)", litellmModel: "openai/m\(key)")
            deployment.order = spec.order
            deployment.weight = spec.weight
            deployment.rpm = spec.rpm
            deployment.tpm = spec.tpm
            return RouteTarget.Candidate(key: key, deployment: deployment, upstreamModel: "m\(key)")
        }
    }

    static func ledger(_ count: Int, clock: TestClock = TestClock(), allowedFails: Int = 3) -> DeploymentLedger {
        DeploymentLedger(deploymentCount: count, allowedFails: allowedFails, cooldownTime: 30, clock: clock)
    }

    func picks(_ selector: DeploymentSelector, _ candidates: [RouteTarget.Candidate], _ ledger: DeploymentLedger, tried: Set<Int> = [], times: Int = 2000) -> [Int: Int] {
        var generator = SystemRandomNumberGenerator()
        var counts: [Int: Int] = [:]
        for _ in 0..<times {
            let choice = selector.choose(from: candidates, tried: tried, last: nil, ledger: ledger, using: &generator)
            counts[choice?.candidate.key ?? -1, default: 0] += 1
        }
        return counts
    }

    @Test func simpleShuffleFollowsTheWeights() {
        let candidates = Self.candidates([(nil, 1, nil, nil), (nil, 3, nil, nil)])
        let counts = picks(DeploymentSelector(strategy: .simpleShuffle), candidates, Self.ledger(2), times: 8000)
        let share = Double(counts[1] ?? 0) / 8000
        #expect(share > 0.70 && share < 0.80, "weight 3 of 4 got \(share)")
    }

    @Test func lowerOrderIsAlwaysTriedFirst() {
        let candidates = Self.candidates([(2, 100, nil, nil), (1, 1, nil, nil)])
        #expect(picks(DeploymentSelector(strategy: .simpleShuffle), candidates, Self.ledger(2)) == [1: 2000])
        #expect(picks(DeploymentSelector(strategy: .simpleShuffle), candidates, Self.ledger(2), tried: [1]) == [0: 2000])
    }

    @Test func leastBusyPicksTheFewestInFlight() {
        let ledger = Self.ledger(3)
        ledger.begin(0)
        ledger.begin(0)
        ledger.begin(2)
        let candidates = Self.candidates([(nil, 1, nil, nil), (nil, 1, nil, nil), (nil, 1, nil, nil)])
        #expect(picks(DeploymentSelector(strategy: .leastBusy), candidates, ledger, times: 100) == [1: 100])
        ledger.end(0)
        ledger.end(0)
        #expect(Set(picks(DeploymentSelector(strategy: .leastBusy), candidates, ledger, times: 200).keys) == [0, 1])
    }

    @Test func latencyBasedPicksTheFastestAndMeasuresTheUnmeasured() {
        let ledger = Self.ledger(3)
        ledger.succeed(0, latency: 0.9)
        ledger.succeed(1, latency: 0.2)
        let candidates = Self.candidates([(nil, 1, nil, nil), (nil, 1, nil, nil), (nil, 1, nil, nil)])
        #expect(picks(DeploymentSelector(strategy: .latencyBased), candidates, ledger, times: 50) == [2: 50])
        ledger.succeed(2, latency: 0.5)
        #expect(picks(DeploymentSelector(strategy: .latencyBased), candidates, ledger, times: 50) == [1: 50])
    }

    @Test func usageBasedPicksTheLeastUsedShareOfItsTPM() {
        let ledger = Self.ledger(2)
        ledger.addTokens(0, 500)
        ledger.addTokens(1, 900)
        let candidates = Self.candidates([(nil, 1, nil, 1000), (nil, 1, nil, 10_000)])
        #expect(picks(DeploymentSelector(strategy: .usageBased), candidates, ledger, times: 50) == [1: 50])
    }

    @Test func deploymentsAtTheirRPMArePassedOverUntilTheNextMinute() {
        let clock = TestClock()
        let ledger = Self.ledger(2, clock: clock)
        let candidates = Self.candidates([(1, 1, 2, nil), (2, 1, nil, nil)])
        let selector = DeploymentSelector(strategy: .simpleShuffle)
        ledger.begin(0)
        ledger.begin(0)
        #expect(picks(selector, candidates, ledger, times: 10) == [1: 10])
        clock.advance(60)
        #expect(picks(selector, candidates, ledger, times: 10) == [0: 10])
    }

    @Test func cooldownNeedsAllowedFailsInsideOneMinuteAndEnds() {
        let clock = TestClock()
        let ledger = Self.ledger(1, clock: clock, allowedFails: 2)
        #expect(!ledger.fail(0, reason: "x"))
        clock.advance(61)
        #expect(!ledger.fail(0, reason: "x"), "the first failure fell out of the window")
        #expect(ledger.fail(0, reason: "x"))
        #expect(ledger.snapshot()[0].cooldownUntil == clock.now() + 30)
        #expect(!ledger.fail(0, reason: "not counted", countsTowardCooldown: false))
    }

    @Test func panicModeChoosesTheDeploymentThatRecoversSoonest() {
        let clock = TestClock()
        let ledger = Self.ledger(3, clock: clock, allowedFails: 1)
        ledger.fail(0, reason: "x")
        clock.advance(10)
        ledger.fail(1, reason: "x")
        clock.advance(5)
        ledger.fail(2, reason: "x")
        var generator = SystemRandomNumberGenerator()
        let choice = DeploymentSelector(strategy: .simpleShuffle).choose(
            from: Self.candidates([(nil, 1, nil, nil), (nil, 1, nil, nil), (nil, 1, nil, nil)]),
            tried: [], last: nil, ledger: ledger, using: &generator
        )
        #expect(choice?.panic == true)
        #expect(choice?.candidate.key == 0)
    }

    @Test func aNewRoundAvoidsTheDeploymentJustTried() {
        let candidates = Self.candidates([(nil, 1, nil, nil), (nil, 1, nil, nil)])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let choice = DeploymentSelector(strategy: .simpleShuffle).choose(from: candidates, tried: [0, 1], last: 1, ledger: Self.ledger(2), using: &generator)
            #expect(choice?.candidate.key == 0)
        }
        let single = Self.candidates([(nil, 1, nil, nil)])
        let again = DeploymentSelector(strategy: .simpleShuffle).choose(from: single, tried: [0], last: 0, ledger: Self.ledger(1), using: &generator)
        #expect(again?.candidate.key == 0)
    }

    @Test func backoffGoesAtOnceElsewhereAndGrowsOnTheSameDeployment() {
        var generator = SystemRandomNumberGenerator()
        #expect(RetryBackoff.delay(retry: 3, sameDeployment: false, retryAfter: 9, minimum: 0, using: &generator) == 0)
        let first = RetryBackoff.delay(retry: 1, sameDeployment: true, retryAfter: nil, minimum: 0, using: &generator)
        let fourth = RetryBackoff.delay(retry: 4, sameDeployment: true, retryAfter: nil, minimum: 0, using: &generator)
        #expect(first >= 0.125 && first <= 0.25)
        #expect(fourth >= 1 && fourth <= 2)
        #expect(RetryBackoff.delay(retry: 1, sameDeployment: true, retryAfter: 500, minimum: 0, using: &generator) == 60)
    }
}
