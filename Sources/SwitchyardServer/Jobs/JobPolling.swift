import Synchronization

/// How the gateway's video and music jobs are polled: by a background service every
/// `job_poll_interval` seconds (the default), or only when a caller says so, so tests move a
/// job along step by step with an injected clock and no sleeping.
public enum JobPolling: Sendable {
    case background
    case manual(JobPollingControl)
}

/// The handle of manual job polling: `pollDue()` runs one round of the poller (claims every
/// job due at the clock's time and advances it one step) and answers how many it advanced.
public final class JobPollingControl: Sendable {
    private let round = Mutex<(@Sendable () async -> Int)?>(nil)

    public init() {}

    func install(_ poll: @escaping @Sendable () async -> Int) {
        round.withLock { $0 = poll }
    }

    @discardableResult
    public func pollDue() async -> Int {
        guard let poll = round.withLock({ $0 }) else { return 0 }
        return await poll()
    }
}
