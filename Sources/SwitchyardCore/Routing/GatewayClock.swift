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
    private let origin = Self.monotonicSeconds()

    public init() {}

    /// Read several times per request: `clock_gettime` directly, not `ContinuousClock`, whose
    /// `Duration` arithmetic (128-bit attoseconds) cost more than the clock itself.
    public func now() -> Double {
        Self.monotonicSeconds() - origin
    }

    private static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }
}
