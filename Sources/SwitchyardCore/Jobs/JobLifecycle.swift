/// The job state machine: each event the poller sees (a provider's answer, a failed poll, the
/// content stored) moves a `MediaJob` on and returns the one thing the poller must do next.
///
/// Statuses only move forward: queued → in_progress → completed | failed. A job is completed
/// only once its content is stored, so a client never sees `completed` without bytes to read.
public struct JobLifecycle: Sendable {
    /// What the poller does after an event.
    public enum Action: Sendable, Hashable {
        /// Poll again at `nextPollAt` (already set on the job).
        case pollLater
        /// Download the content and store it, then report `contentStored` or `storeFailed`.
        case download(location: String?)
        /// Charge the job (it completed) and release the rest of its hold.
        case settleCompleted
        /// Release the job's hold: it failed, nothing is charged.
        case settleFailed
        /// Nothing (an event for a job that already ended).
        case none
    }

    /// What happened to a job.
    public enum Event: Sendable, Hashable {
        case polled(ProviderJobSnapshot.State)
        /// The poll or the download did not get an answer, or got an error. `permanent` when
        /// asking again cannot help (the provider no longer knows the job, the deployment was
        /// removed from the config).
        case pollFailed(code: String, message: String, permanent: Bool)
        case contentStored(bytes: Int64, contentType: String)
    }

    public let backoff: JobBackoff
    /// Failed polls in a row after which the job is given up as failed.
    public let maxConsecutiveErrors: Int
    /// How long stored content is kept after completion.
    public let retention: Double

    public init(backoff: JobBackoff = JobBackoff(), maxConsecutiveErrors: Int = 10, retention: Double = 86_400) {
        self.backoff = backoff
        self.maxConsecutiveErrors = maxConsecutiveErrors
        self.retention = retention
    }

    /// Applies `event` to `job` at `now` (Unix seconds) and answers what to do.
    public func apply(_ event: Event, to job: inout MediaJob, now: Double) -> Action {
        guard job.isRunning else { return .none }
        switch event {
        case .polled(let state):
            job.pollCount += 1
            job.consecutiveErrors = 0
            switch state {
            case .queued(let progress):
                job.progress = max(job.progress, min(progress ?? 0, 99))
                return wait(&job, now: now)
            case .running(let progress):
                job.status = .inProgress
                job.progress = max(job.progress, min(progress ?? job.progress, 99))
                return wait(&job, now: now)
            case .succeeded(let location):
                job.status = .inProgress
                job.progress = max(job.progress, 99)
                job.contentLocation = location
                return .download(location: location)
            case .failed(let code, let message):
                fail(&job, code: code, message: message, now: now)
                return .settleFailed
            }
        case .pollFailed(let code, let message, let permanent):
            job.consecutiveErrors += 1
            if permanent || job.consecutiveErrors >= maxConsecutiveErrors {
                fail(&job, code: code, message: message, now: now)
                return .settleFailed
            }
            return wait(&job, now: now)
        case .contentStored(let bytes, let contentType):
            job.status = .completed
            job.progress = 100
            job.contentBytes = bytes
            job.contentType = contentType
            job.completedAt = now
            job.expiresAt = now + retention
            job.errorCode = nil
            job.errorMessage = nil
            return .settleCompleted
        }
    }

    private func wait(_ job: inout MediaJob, now: Double) -> Action {
        job.nextPollAt = now + backoff.delay(afterPoll: job.pollCount + job.consecutiveErrors)
        return .pollLater
    }

    private func fail(_ job: inout MediaJob, code: String, message: String, now: Double) {
        job.status = .failed
        job.errorCode = code
        job.errorMessage = message
        job.completedAt = now
    }
}
