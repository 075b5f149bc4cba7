import Synchronization
import SwitchyardCore

/// A clock tests move by hand; `sleep` returns at once and records how long it was asked for.
final class ManualClock: GatewayClock {
    private let state = Mutex((now: 1000.0, sleeps: [Double]()))

    func now() -> Double { state.withLock { $0.now } }

    /// Wall time moves with `now`, from a fixed midday (2026-11-24T12:00:00Z).
    func wallTime() -> Double { 1_795_521_600 + now() - 1000 }

    func advance(by seconds: Double) {
        state.withLock { $0.now += seconds }
    }

    var sleeps: [Double] { state.withLock { $0.sleeps } }

    func sleep(seconds: Double) async throws {
        state.withLock { state in
            state.sleeps.append(seconds)
            state.now += seconds
        }
    }
}
