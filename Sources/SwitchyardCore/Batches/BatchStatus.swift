/// Where a batch stands, with OpenAI's names for it.
///
/// `validating` → `in_progress` → `finalizing` → `completed`; a bad input file ends in
/// `failed`; a cancel goes through `cancelling` to `cancelled`; a batch whose completion
/// window closes before its lines ran ends `expired`. `BatchEvent` moves a batch along.
public enum BatchStatus: String, Sendable, Hashable, CaseIterable {
    case validating
    case failed
    case inProgress = "in_progress"
    case finalizing
    case completed
    case expired
    case cancelling
    case cancelled

    /// No event moves a batch on from here.
    public var isTerminal: Bool {
        switch self {
        case .failed, .completed, .expired, .cancelled: true
        case .validating, .inProgress, .finalizing, .cancelling: false
        }
    }

    /// Statuses a scheduler still has work in: validation, lines, or files to write.
    public static let active: [BatchStatus] = [.validating, .inProgress, .finalizing, .cancelling]
}
