/// What happens to a batch; `BatchStatus.after(_:)` is the transition table.
public enum BatchEvent: Sendable, Hashable {
    /// Every input line was valid and the lines are stored: they may run.
    case accepted
    /// The input file failed validation (`errors` says where).
    case rejected
    /// The owner asked to cancel: no line starts after this.
    case cancelRequested
    /// Every line has its result.
    case linesSettled
    /// The completion window closed with lines still to run.
    case windowClosed
    /// The output and error files are written, with every line settled (`complete`) or not.
    case filesWritten(complete: Bool)
}

extension BatchStatus {
    /// The status `event` moves a batch in this status to; nil when the event cannot happen
    /// here (a cancel of a completed batch, a second validation).
    public func after(_ event: BatchEvent) -> BatchStatus? {
        switch (self, event) {
        case (.validating, .accepted): .inProgress
        case (.validating, .rejected): .failed
        case (.validating, .cancelRequested), (.inProgress, .cancelRequested): .cancelling
        // A batch never validated in its window has no lines and no files to write.
        case (.validating, .windowClosed): .expired
        case (.inProgress, .linesSettled), (.inProgress, .windowClosed): .finalizing
        case (.finalizing, .filesWritten(let complete)): complete ? .completed : .expired
        case (.cancelling, .filesWritten): .cancelled
        default: nil
        }
    }
}
