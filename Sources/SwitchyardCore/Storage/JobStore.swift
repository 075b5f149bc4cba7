/// Where video and music jobs are kept: the SQLite file, or PostgreSQL shared by replicas. The
/// table comes with `migrate()`.
///
/// Called per request (a client's reads) and by the poller, which claims due jobs with a lease
/// so two replicas never poll the same job at once.
public protocol JobStore: Sendable {
    func insertJob(_ job: MediaJob) async throws
    /// Replaces a job's mutable state (status, progress, error, content, polling, lease);
    /// answers false when the row no longer exists (deleted meanwhile).
    @discardableResult
    func updateJob(_ job: MediaJob) async throws -> Bool
    func job(id: String) async throws -> MediaJob?
    /// The jobs of `kind` a reader may see, oldest first.
    func jobs(kind: MediaJob.Kind, visibleTo visibility: FileVisibility) async throws -> [MediaJob]
    func deleteJob(id: String) async throws -> Bool
    /// Running jobs due for a poll at `now` whose lease is free or lapsed: leased to `owner`
    /// until `leaseUntil` in the same statement, at most `limit`.
    func claimDueJobs(now: Double, owner: String, leaseUntil: Double, limit: Int) async throws -> [MediaJob]
    /// Marks a job settled, once: true only for the call that changed it from unsettled, so a
    /// hold is charged or released exactly once across replicas.
    func markJobSettled(id: String) async throws -> Bool
    /// What unsettled jobs hold, summed by owner key hash: the holds to re-establish at start
    /// and to share between replicas.
    func heldJobCosts() async throws -> [String: Double]
    /// Ids of finished jobs whose content expired by `now`, at most `limit`.
    func expiredJobs(now: Double, limit: Int) async throws -> [String]
}
