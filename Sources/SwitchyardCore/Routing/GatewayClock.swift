import Foundation

/// Monotonic time and waiting, injected so cooldowns, backoff and windows are testable
/// without sleeping.
public protocol GatewayClock: Sendable {
    /// Seconds since an arbitrary fixed point; never goes backwards.
    func now() -> Double
    func sleep(seconds: Double) async throws
    /// Unix seconds: budget periods and rate windows follow the calendar.
    func wallTime() -> Double
}

extension GatewayClock {
    public func wallTime() -> Double { Date().timeIntervalSince1970 }
}

/// The real clock.
public struct SystemGatewayClock: GatewayClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Double {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }
}
