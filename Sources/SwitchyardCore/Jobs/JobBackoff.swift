/// How long the poller waits before asking a provider about a job again: from `initial`
/// seconds, doubling with each poll, never more than `cap`.
public struct JobBackoff: Sendable, Hashable {
    public var initial: Double
    public var cap: Double

    public init(initial: Double = 2, cap: Double = 30) {
        self.initial = initial
        self.cap = max(initial, cap)
    }

    /// The wait after the `poll`-th poll (0 for the wait after submission).
    public func delay(afterPoll poll: Int) -> Double {
        // 2^n overflows nothing: the exponent stops growing once the cap is reached.
        let exponent = min(max(poll, 0), 30)
        return min(cap, initial * Double(1 << exponent))
    }
}
