/// The work a stored batch is waiting for: what the replica holding its lease does next.
/// Read from the stored status alone, so a replica that takes a batch over resumes it where
/// the last one stopped.
public enum BatchStep: Sendable, Equatable {
    /// Read and check the input file.
    case validate
    /// Run the lines that have no result.
    case runLines
    /// Nothing to run, only the status to move on (`linesSettled`, `windowClosed`).
    case advance(BatchEvent)
    /// Write the output and error files, then end the batch.
    case writeFiles
    /// The batch has ended.
    case none
}

extension StoredBatch {
    /// What to do next with this batch at `now` (Unix seconds).
    public func nextStep(now: Double) -> BatchStep {
        switch status {
        case .validating:
            return now >= expiresAt ? .advance(.windowClosed) : .validate
        case .inProgress:
            if counts.settled >= counts.total { return .advance(.linesSettled) }
            return now >= expiresAt ? .advance(.windowClosed) : .runLines
        case .finalizing, .cancelling:
            return .writeFiles
        case .failed, .completed, .expired, .cancelled:
            return .none
        }
    }

    /// The batch as `event` leaves it at `time`; nil when the event cannot happen in its status.
    /// A closed window is noted as `expired_at` at once, so a batch finalizing after it is
    /// known to end `expired` by whichever replica writes its files.
    public func moved(by event: BatchEvent, at time: Double) -> StoredBatch? {
        guard let next = status.after(event) else { return nil }
        var moved = self
        if event == .windowClosed { moved.statusTimes[.expired] = time }
        moved.enter(next, at: time)
        return moved
    }

    /// Whether the completion window closed before every line ran (`expired_at` is set).
    public var windowClosed: Bool { statusTimes[.expired] != nil }
}
