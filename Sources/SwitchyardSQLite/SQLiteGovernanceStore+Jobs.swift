import SwitchyardCore

extension SQLiteGovernanceStore {
    /// Every job column, in the order `mediaJob` reads them and `jobValues` writes them.
    static let jobColumns = """
        id, kind, owner_key_hash, team_id, model, deployment_id, upstream_id, status, progress, prompt, seconds, size,
        remixed_from_id, error_code, error_message, created_at, completed_at, expires_at, held_cost, charged_cost, settled,
        content_location, content_bytes, content_type, next_poll_at, poll_count, consecutive_errors, lease_owner, lease_until,
        request_id, call_type, tags
        """

    public func insertJob(_ job: MediaJob) async throws {
        let values = Self.jobValues(job)
        try await database.run { connection in
            try connection.query(
                "INSERT INTO switchyard_jobs (\(Self.jobColumns)) VALUES (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))", values
            )
        }
    }

    /// Writes every column but the ones fixed at creation and `settled`, which only
    /// `markJobSettled` changes.
    public func updateJob(_ job: MediaJob) async throws -> Bool {
        try await database.run { connection in
            try connection.query(
                """
                UPDATE switchyard_jobs SET upstream_id = ?, status = ?, progress = ?, error_code = ?, error_message = ?, completed_at = ?,
                    expires_at = ?, charged_cost = ?, content_location = ?, content_bytes = ?, content_type = ?, next_poll_at = ?,
                    poll_count = ?, consecutive_errors = ?, lease_owner = ?, lease_until = ?
                WHERE id = ?
                """,
                [
                    .text(job.upstreamID), .text(job.status.rawValue), SQLiteValue(job.progress), SQLiteValue(job.errorCode),
                    SQLiteValue(job.errorMessage), SQLiteValue(job.completedAt), SQLiteValue(job.expiresAt), SQLiteValue(job.chargedCost),
                    SQLiteValue(job.contentLocation), SQLiteValue(job.contentBytes.map(Int.init)), SQLiteValue(job.contentType),
                    .real(job.nextPollAt), SQLiteValue(job.pollCount), SQLiteValue(job.consecutiveErrors), SQLiteValue(job.leaseOwner),
                    SQLiteValue(job.leaseUntil), .text(job.id),
                ]
            )
            return connection.changes > 0
        }
    }

    public func job(id: String) async throws -> MediaJob? {
        try await database.run { connection in
            try connection.query("SELECT \(Self.jobColumns) FROM switchyard_jobs WHERE id = ?", [.text(id)]).first.flatMap(Self.mediaJob)
        }
    }

    public func jobs(kind: MediaJob.Kind, visibleTo visibility: FileVisibility) async throws -> [MediaJob] {
        try await database.run { connection in
            var sql = "SELECT \(Self.jobColumns) FROM switchyard_jobs WHERE kind = ?"
            var parameters: [SQLiteValue] = [.text(kind.rawValue)]
            if case .owner(let keyHash, let teamID) = visibility {
                sql += " AND (owner_key_hash = ? OR (team_id IS NOT NULL AND team_id = ?))"
                parameters += [.text(keyHash), SQLiteValue(teamID)]
            }
            return try connection.query(sql + " ORDER BY created_at, id", parameters).compactMap(Self.mediaJob)
        }
    }

    public func deleteJob(id: String) async throws -> Bool {
        try await database.run { connection in
            try connection.query("DELETE FROM switchyard_jobs WHERE id = ?", [.text(id)])
            return connection.changes > 0
        }
    }

    public func claimDueJobs(now: Double, owner: String, leaseUntil: Double, limit: Int) async throws -> [MediaJob] {
        try await database.run { connection in
            try connection.query(
                """
                UPDATE switchyard_jobs SET lease_owner = ?, lease_until = ?
                WHERE id IN (
                    SELECT id FROM switchyard_jobs
                    WHERE status IN ('queued', 'in_progress') AND next_poll_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                    ORDER BY next_poll_at LIMIT ?
                )
                RETURNING \(Self.jobColumns)
                """,
                [.text(owner), .real(leaseUntil), .real(now), .real(now), .integer(Int64(limit))]
            ).compactMap(Self.mediaJob)
        }
    }

    public func markJobSettled(id: String) async throws -> Bool {
        try await database.run { connection in
            try connection.query("UPDATE switchyard_jobs SET settled = 1 WHERE id = ? AND settled = 0", [.text(id)])
            return connection.changes > 0
        }
    }

    public func heldJobCosts() async throws -> [String: Double] {
        try await database.run { connection in
            let rows = try connection.query(
                "SELECT owner_key_hash, SUM(held_cost) FROM switchyard_jobs WHERE settled = 0 AND held_cost > 0 GROUP BY owner_key_hash"
            )
            return Dictionary(rows.compactMap { row in row[0].string.map { ($0, row[1].double ?? 0) } }, uniquingKeysWith: +)
        }
    }

    public func expiredJobs(now: Double, limit: Int) async throws -> [String] {
        try await database.run { connection in
            try connection.query(
                "SELECT id FROM switchyard_jobs WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?",
                [.real(now), .integer(Int64(limit))]
            ).compactMap { $0[0].string }
        }
    }

    private static func jobValues(_ job: MediaJob) -> [SQLiteValue] {
        [
            .text(job.id), .text(job.kind.rawValue), .text(job.ownerKeyHash), SQLiteValue(job.teamID), .text(job.model), .text(job.deploymentID),
            .text(job.upstreamID), .text(job.status.rawValue), SQLiteValue(job.progress), SQLiteValue(job.prompt), SQLiteValue(job.seconds),
            SQLiteValue(job.size), SQLiteValue(job.remixedFromID), SQLiteValue(job.errorCode), SQLiteValue(job.errorMessage), .real(job.createdAt),
            SQLiteValue(job.completedAt), SQLiteValue(job.expiresAt), .real(job.heldCost), SQLiteValue(job.chargedCost), SQLiteValue(job.settled),
            SQLiteValue(job.contentLocation), SQLiteValue(job.contentBytes.map(Int.init)), SQLiteValue(job.contentType), .real(job.nextPollAt),
            SQLiteValue(job.pollCount), SQLiteValue(job.consecutiveErrors), SQLiteValue(job.leaseOwner), SQLiteValue(job.leaseUntil),
            .text(job.requestID), .text(job.callType), .text(StoreJSON.encode(job.tags)),
        ]
    }

    static func mediaJob(_ row: [SQLiteValue]) -> MediaJob? {
        guard row.count >= 32, let kind = row[1].string.flatMap(MediaJob.Kind.init(rawValue:)),
            let status = row[7].string.flatMap(JobStatus.init(rawValue:))
        else { return nil }
        var job = MediaJob(
            id: row[0].string ?? "", kind: kind, ownerKeyHash: row[2].string ?? "", teamID: row[3].string, model: row[4].string ?? "",
            deploymentID: row[5].string ?? "", upstreamID: row[6].string ?? "", status: status, progress: row[8].int ?? 0, prompt: row[9].string,
            seconds: row[10].int ?? 0, size: row[11].string, remixedFromID: row[12].string, createdAt: row[15].double ?? 0,
            heldCost: row[18].double ?? 0, nextPollAt: row[24].double ?? 0, requestID: row[29].string ?? "", callType: row[30].string ?? "",
            tags: StoreJSON.strings(row[31].string)
        )
        job.errorCode = row[13].string
        job.errorMessage = row[14].string
        job.completedAt = row[16].double
        job.expiresAt = row[17].double
        job.chargedCost = row[19].double
        job.settled = (row[20].int ?? 0) != 0
        job.contentLocation = row[21].string
        job.contentBytes = row[22].int.map(Int64.init)
        job.contentType = row[23].string
        job.pollCount = row[25].int ?? 0
        job.consecutiveErrors = row[26].int ?? 0
        job.leaseOwner = row[27].string
        job.leaseUntil = row[28].double
        return job
    }
}
