/// Where the Batch API keeps its batches and their lines: the SQLite file, or PostgreSQL
/// shared by replicas. The tables come with `migrate()`.
///
/// Batches are run by whichever replica holds a batch's lease (`claimBatch`): a replica that
/// stops renewing it (killed, or cut off) leaves it to expire, and another replica, or the
/// same one restarted, claims the batch and carries on from the lines that have no result.
/// Every write that moves a batch on is conditional on where it stands, so a cancel racing
/// the scheduler, or two replicas racing each other, changes it once.
public protocol BatchStore: Sendable {
    func insertBatch(_ batch: StoredBatch) async throws
    func batch(id: String) async throws -> StoredBatch?
    /// The query's batches, newest first, from its cursor on: at most `limit + 1`, the
    /// extra one only saying there are more.
    func batches(_ query: BatchQuery) async throws -> [StoredBatch]
    /// Writes `batch`'s status, status times, files, errors and model when its stored status
    /// is one of `from`; answers whether it was. Counts and usage are `settleLine`'s alone.
    func updateBatch(_ batch: StoredBatch, from: Set<BatchStatus>) async throws -> Bool
    /// Stores the validated lines and moves the batch from `validating` to `in_progress` at
    /// `time`, with `total` set and `model` noted, in one transaction; false, with nothing
    /// stored, when the batch is no longer validating (cancelled meanwhile). Lines a lost
    /// earlier attempt stored are replaced.
    func acceptBatch(id: String, lines: [BatchLine], model: String?, at time: Double) async throws -> Bool
    /// Lines without a result after `index`, in order, with their bodies; at most `limit`.
    func unsettledLines(batchID: String, after index: Int, limit: Int) async throws -> [BatchLine]
    /// Every line after `index`, in order, with its result when it has one but without its
    /// body (empty): what the output files are written from. At most `limit`.
    func lineOutcomes(batchID: String, after index: Int, limit: Int) async throws -> [BatchLine]
    /// Records a result for a line that has none, adding it to the batch's counts and
    /// `usage` in the same transaction; false when the line already had one (it changes nothing).
    func settleLine(batchID: String, index: Int, result: BatchLineResult, usage: BatchTokenUsage) async throws -> Bool
    /// Settles every line still without a result as never run (`BatchOutputLine.expired`),
    /// counted as failed, in one transaction: the completion window closed. Their output
    /// line ids are `idPrefix` followed by the line's index. Answers how many there were.
    func expireUnsettledLines(batchID: String, idPrefix: String) async throws -> Int
    /// Leases the oldest batch with work left (an active status) whose lease is free or
    /// expired at `now`, and not `replica`'s own, to `replica` until `leaseUntil`.
    func claimBatch(replica: String, now: Double, leaseUntil: Double) async throws -> StoredBatch?
    /// Extends `replica`'s lease; false when it no longer holds it.
    func renewLease(batchID: String, replica: String, until: Double) async throws -> Bool
    /// Gives the lease up, so another replica need not wait for it to expire.
    func releaseLease(batchID: String, replica: String) async throws
}

/// One page request of `GET /v1/batches`: newest first, after a cursor.
public struct BatchQuery: Sendable, Hashable {
    /// Whose batches: nil lists every batch (admins); else this key's and its team's.
    public var ownerKeyHash: String?
    public var teamID: String?
    public var limit: Int
    /// The id of the batch the page starts after.
    public var after: String?

    public init(ownerKeyHash: String?, teamID: String? = nil, limit: Int, after: String? = nil) {
        self.ownerKeyHash = ownerKeyHash
        self.teamID = teamID
        self.limit = limit
        self.after = after
    }
}
