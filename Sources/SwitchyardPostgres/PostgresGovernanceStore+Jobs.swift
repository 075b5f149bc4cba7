import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    /// Every job column, in the order `decodeJob` reads them.
    private static let jobColumns = """
        id, kind, owner_key_hash, team_id, model, deployment_id, upstream_id, status, progress, prompt, seconds, size,
        remixed_from_id, error_code, error_message, created_at, completed_at, expires_at, held_cost, charged_cost, settled,
        content_location, content_bytes, content_type, next_poll_at, poll_count, consecutive_errors, lease_owner, lease_until,
        request_id, call_type, tags
        """

    public func insertJob(_ job: MediaJob) async throws {
        try await perform("insertJob") {
            try await execute("""
                INSERT INTO switchyard_jobs (\(unescaped: Self.jobColumns)) VALUES (
                    \(job.id), \(job.kind.rawValue), \(job.ownerKeyHash), \(job.teamID), \(job.model), \(job.deploymentID), \(job.upstreamID),
                    \(job.status.rawValue), \(job.progress), \(job.prompt), \(job.seconds), \(job.size), \(job.remixedFromID), \(job.errorCode),
                    \(job.errorMessage), \(job.createdAt), \(job.completedAt), \(job.expiresAt), \(job.heldCost), \(job.chargedCost), \(job.settled),
                    \(job.contentLocation), \(job.contentBytes), \(job.contentType), \(job.nextPollAt), \(job.pollCount), \(job.consecutiveErrors),
                    \(job.leaseOwner), \(job.leaseUntil), \(job.requestID), \(job.callType), \(job.tags)
                )
                """)
        }
    }

    public func updateJob(_ job: MediaJob) async throws -> Bool {
        try await perform("updateJob") {
            try await !rows("""
                UPDATE switchyard_jobs SET upstream_id = \(job.upstreamID), status = \(job.status.rawValue), progress = \(job.progress),
                    error_code = \(job.errorCode), error_message = \(job.errorMessage), completed_at = \(job.completedAt),
                    expires_at = \(job.expiresAt), charged_cost = \(job.chargedCost), content_location = \(job.contentLocation),
                    content_bytes = \(job.contentBytes), content_type = \(job.contentType), next_poll_at = \(job.nextPollAt),
                    poll_count = \(job.pollCount), consecutive_errors = \(job.consecutiveErrors), lease_owner = \(job.leaseOwner),
                    lease_until = \(job.leaseUntil)
                WHERE id = \(job.id) RETURNING 1
                """) { _ in () }.isEmpty
        }
    }

    public func job(id: String) async throws -> MediaJob? {
        try await perform("job") {
            try await rows("SELECT \(unescaped: Self.jobColumns) FROM switchyard_jobs WHERE id = \(id)", Self.decodeJob).first
        }
    }

    public func jobs(kind: MediaJob.Kind, visibleTo visibility: FileVisibility) async throws -> [MediaJob] {
        try await perform("jobs") {
            if case .owner(let keyHash, let teamID) = visibility {
                return try await rows("""
                    SELECT \(unescaped: Self.jobColumns) FROM switchyard_jobs
                    WHERE kind = \(kind.rawValue) AND (owner_key_hash = \(keyHash) OR (team_id IS NOT NULL AND team_id = \(teamID)))
                    ORDER BY created_at, id
                    """, Self.decodeJob)
            }
            return try await rows(
                "SELECT \(unescaped: Self.jobColumns) FROM switchyard_jobs WHERE kind = \(kind.rawValue) ORDER BY created_at, id", Self.decodeJob
            )
        }
    }

    public func deleteJob(id: String) async throws -> Bool {
        try await perform("deleteJob") {
            try await !rows("DELETE FROM switchyard_jobs WHERE id = \(id) RETURNING 1") { _ in () }.isEmpty
        }
    }

    /// Rows another replica is claiming are skipped (`SKIP LOCKED`), never waited for.
    public func claimDueJobs(now: Double, owner: String, leaseUntil: Double, limit: Int) async throws -> [MediaJob] {
        try await perform("claimDueJobs") {
            try await rows("""
                UPDATE switchyard_jobs SET lease_owner = \(owner), lease_until = \(leaseUntil)
                WHERE id IN (
                    SELECT id FROM switchyard_jobs
                    WHERE status IN ('queued', 'in_progress') AND next_poll_at <= \(now) AND (lease_until IS NULL OR lease_until < \(now))
                    ORDER BY next_poll_at LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING \(unescaped: Self.jobColumns)
                """, Self.decodeJob)
        }
    }

    public func markJobSettled(id: String) async throws -> Bool {
        try await perform("markJobSettled") {
            try await !rows("UPDATE switchyard_jobs SET settled = TRUE WHERE id = \(id) AND NOT settled RETURNING 1") { _ in () }.isEmpty
        }
    }

    public func heldJobCosts() async throws -> [String: Double] {
        try await perform("heldJobCosts") {
            let sums = try await rows(
                "SELECT owner_key_hash, SUM(held_cost) FROM switchyard_jobs WHERE NOT settled AND held_cost > 0 GROUP BY owner_key_hash"
            ) { row in
                var reader = RowReader(row)
                return (try reader.next(String.self), try reader.next(Double.self))
            }
            return Dictionary(sums, uniquingKeysWith: +)
        }
    }

    public func expiredJobs(now: Double, limit: Int) async throws -> [String] {
        try await perform("expiredJobs") {
            try await rows(
                "SELECT id FROM switchyard_jobs WHERE expires_at IS NOT NULL AND expires_at <= \(now) ORDER BY expires_at LIMIT \(limit)"
            ) { row in
                var reader = RowReader(row)
                return try reader.next(String.self)
            }
        }
    }

    private static func decodeJob(_ row: PostgresRow) throws -> MediaJob {
        var reader = RowReader(row)
        let id: String = try reader.next()
        let kind = MediaJob.Kind(rawValue: try reader.next(String.self)) ?? .video
        let owner: String = try reader.next()
        let teamID: String? = try reader.next()
        let model: String = try reader.next()
        let deploymentID: String = try reader.next()
        let upstreamID: String = try reader.next()
        let status = JobStatus(rawValue: try reader.next(String.self)) ?? .failed
        let progress: Int = try reader.next()
        let prompt: String? = try reader.next()
        let seconds: Int = try reader.next()
        let size: String? = try reader.next()
        let remixedFromID: String? = try reader.next()
        var job = MediaJob(
            id: id, kind: kind, ownerKeyHash: owner, teamID: teamID, model: model, deploymentID: deploymentID, upstreamID: upstreamID,
            status: status, progress: progress, prompt: prompt, seconds: seconds, size: size, remixedFromID: remixedFromID,
            createdAt: 0, nextPollAt: 0, requestID: "", callType: ""
        )
        job.errorCode = try reader.next()
        job.errorMessage = try reader.next()
        job.createdAt = try reader.next()
        job.completedAt = try reader.next()
        job.expiresAt = try reader.next()
        job.heldCost = try reader.next()
        job.chargedCost = try reader.next()
        job.settled = try reader.next()
        job.contentLocation = try reader.next()
        job.contentBytes = try reader.next()
        job.contentType = try reader.next()
        job.nextPollAt = try reader.next()
        job.pollCount = try reader.next()
        job.consecutiveErrors = try reader.next()
        job.leaseOwner = try reader.next()
        job.leaseUntil = try reader.next()
        job.requestID = try reader.next()
        job.callType = try reader.next()
        job.tags = try reader.next()
        return job
    }
}
