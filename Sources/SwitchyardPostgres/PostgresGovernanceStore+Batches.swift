import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    public func insertBatch(_ batch: StoredBatch) async throws {
        let times = batch.statusTimes
        try await perform("insertBatch") {
            try await execute("""
                INSERT INTO switchyard_batches (\(unescaped: StoredBatch.columns)) VALUES (
                    \(batch.id), \(batch.ownerKeyHash), \(batch.teamID), \(batch.endpoint), \(batch.inputFileID), \(batch.completionWindow),
                    \(batch.status.rawValue), \(batch.createdAt), \(batch.expiresAt),
                    \(times[.inProgress]), \(times[.finalizing]), \(times[.completed]), \(times[.failed]), \(times[.expired]),
                    \(times[.cancelling]), \(times[.cancelled]),
                    \(batch.outputFileID), \(batch.errorFileID), \(batch.counts.total), \(batch.counts.completed), \(batch.counts.failed),
                    \(batch.usage.inputTokens), \(batch.usage.cachedTokens), \(batch.usage.outputTokens), \(batch.usage.reasoningTokens),
                    \(batch.errorsJSON), \(batch.metadataJSON), \(batch.model), \(batch.outputLifetime)
                )
                """)
        }
    }

    public func batch(id: String) async throws -> StoredBatch? {
        try await perform("batch") {
            try await rows("SELECT \(unescaped: StoredBatch.columns) FROM switchyard_batches WHERE id = \(id)", Self.decodeBatch).first
        }
    }

    public func batches(_ query: BatchQuery) async throws -> [StoredBatch] {
        // NULL binds switch a condition off, so one statement serves every caller.
        let owner = query.ownerKeyHash
        let team = query.teamID
        let after = query.after
        return try await perform("batches") {
            try await rows("""
                SELECT \(unescaped: StoredBatch.columns) FROM switchyard_batches
                WHERE (\(owner)::TEXT IS NULL OR owner_key_hash = \(owner) OR team_id = \(team))
                AND (\(after)::TEXT IS NULL OR (created_at, id) < (SELECT created_at, id FROM switchyard_batches WHERE id = \(after)))
                ORDER BY created_at DESC, id DESC LIMIT \(query.limit + 1)
                """, Self.decodeBatch)
        }
    }

    public func updateBatch(_ batch: StoredBatch, from: Set<BatchStatus>) async throws -> Bool {
        let times = batch.statusTimes
        let statuses = from.map(\.rawValue)
        return try await perform("updateBatch") {
            try await !rows("""
                UPDATE switchyard_batches SET status = \(batch.status.rawValue),
                    in_progress_at = \(times[.inProgress]), finalizing_at = \(times[.finalizing]), completed_at = \(times[.completed]),
                    failed_at = \(times[.failed]), expired_at = \(times[.expired]), cancelling_at = \(times[.cancelling]),
                    cancelled_at = \(times[.cancelled]), output_file_id = \(batch.outputFileID), error_file_id = \(batch.errorFileID),
                    errors = \(batch.errorsJSON), model = \(batch.model)
                WHERE id = \(batch.id) AND status = ANY(\(statuses)::TEXT[])
                RETURNING 1
                """) { _ in () }.isEmpty
        }
    }

    public func acceptBatch(id: String, lines: [BatchLine], model: String?, at time: Double) async throws -> Bool {
        let logger = self.logger
        return try await perform("acceptBatch") {
            try await client.withTransaction(logger: logger) { connection in
                var status: String?
                for try await current in try await connection.query(
                    "SELECT status FROM switchyard_batches WHERE id = \(id) FOR UPDATE", logger: logger
                ).decode(String.self) {
                    status = current
                }
                guard status == BatchStatus.validating.rawValue else { return false }
                try await connection.query("DELETE FROM switchyard_batch_lines WHERE batch_id = \(id)", logger: logger)
                // A few thousand rows per statement: each column is one array bind.
                var start = 0
                while start < lines.count {
                    let chunk = lines[start..<min(start + 2000, lines.count)]
                    try await connection.query("""
                        INSERT INTO switchyard_batch_lines (batch_id, line_index, custom_id, body)
                        SELECT \(id), line_index, custom_id, body
                        FROM unnest(\(chunk.map(\.index))::INT8[], \(chunk.map(\.customID))::TEXT[], \(chunk.map(\.body))::TEXT[])
                            AS line(line_index, custom_id, body)
                        """, logger: logger)
                    start += chunk.count
                }
                try await connection.query("""
                    UPDATE switchyard_batches SET status = \(BatchStatus.inProgress.rawValue), in_progress_at = \(time),
                        total = \(lines.count), model = \(model)
                    WHERE id = \(id)
                    """, logger: logger)
                return true
            }
        }
    }

    public func unsettledLines(batchID: String, after index: Int, limit: Int) async throws -> [BatchLine] {
        try await perform("unsettledLines") {
            try await rows("""
                SELECT line_index, custom_id, body FROM switchyard_batch_lines
                WHERE batch_id = \(batchID) AND line_index > \(index) AND result_id IS NULL ORDER BY line_index LIMIT \(limit)
                """) { row in
                var reader = RowReader(row)
                return BatchLine(index: try reader.next(), customID: try reader.next(), body: try reader.next())
            }
        }
    }

    public func lineOutcomes(batchID: String, after index: Int, limit: Int) async throws -> [BatchLine] {
        try await perform("lineOutcomes") {
            try await rows("""
                SELECT line_index, custom_id, result_id, status_code, request_id, response, error_code, error_message
                FROM switchyard_batch_lines WHERE batch_id = \(batchID) AND line_index > \(index) ORDER BY line_index LIMIT \(limit)
                """) { row in
                var reader = RowReader(row)
                let index: Int = try reader.next()
                let customID: String = try reader.next()
                let result = BatchLineResult(
                    id: try reader.next(), status: try reader.next(), requestID: try reader.next(), response: try reader.next(),
                    errorCode: try reader.next(), errorMessage: try reader.next()
                )
                return BatchLine(index: index, customID: customID, body: "", result: result)
            }
        }
    }

    /// One statement: the line's update and the batch's counts change together or not at all,
    /// and the counts only when the line had no result yet.
    public func settleLine(batchID: String, index: Int, result: BatchLineResult, usage: BatchTokenUsage) async throws -> Bool {
        let columns = result.columnValues
        let completed = result.succeeded ? 1 : 0
        let failed = 1 - completed
        return try await perform("settleLine", retryingConflicts: true) {
            try await !rows("""
                WITH settled AS (
                    UPDATE switchyard_batch_lines SET result_id = \(columns.id), status_code = \(columns.status),
                        request_id = \(columns.requestID), response = \(columns.response), error_code = \(columns.errorCode),
                        error_message = \(columns.errorMessage)
                    WHERE batch_id = \(batchID) AND line_index = \(index) AND result_id IS NULL
                    RETURNING 1
                )
                UPDATE switchyard_batches SET completed = completed + \(completed), failed = failed + \(failed),
                    input_tokens = input_tokens + \(usage.inputTokens), cached_tokens = cached_tokens + \(usage.cachedTokens),
                    output_tokens = output_tokens + \(usage.outputTokens), reasoning_tokens = reasoning_tokens + \(usage.reasoningTokens)
                WHERE id = \(batchID) AND EXISTS (SELECT 1 FROM settled)
                RETURNING 1
                """) { _ in () }.isEmpty
        }
    }

    public func expireUnsettledLines(batchID: String, idPrefix: String) async throws -> Int {
        try await perform("expireUnsettledLines", retryingConflicts: true) {
            try await rows("""
                WITH expired AS (
                    UPDATE switchyard_batch_lines SET result_id = \(idPrefix) || line_index::TEXT,
                        error_code = \(BatchOutputLine.expiredCode), error_message = \(BatchOutputLine.expiredMessage)
                    WHERE batch_id = \(batchID) AND result_id IS NULL
                    RETURNING 1
                ), counted AS (
                    UPDATE switchyard_batches SET failed = failed + (SELECT COUNT(*) FROM expired) WHERE id = \(batchID)
                )
                SELECT COUNT(*) FROM expired
                """) { try $0.decode(Int.self) }.first ?? 0
        }
    }

    /// `SKIP LOCKED`: replicas claiming at once each take a different batch instead of
    /// queueing on the same row.
    public func claimBatch(replica: String, now: Double, leaseUntil: Double) async throws -> StoredBatch? {
        try await perform("claimBatch", retryingConflicts: true) {
            try await rows("""
                UPDATE switchyard_batches SET lease_owner = \(replica), lease_expires_at = \(leaseUntil)
                WHERE id = (
                    SELECT id FROM switchyard_batches
                    WHERE status IN \(unescaped: StoredBatch.activeStatusList)
                    AND (lease_owner IS NULL OR (lease_expires_at < \(now) AND lease_owner <> \(replica)))
                    ORDER BY created_at LIMIT 1
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING \(unescaped: StoredBatch.columns)
                """, Self.decodeBatch).first
        }
    }

    public func renewLease(batchID: String, replica: String, until: Double) async throws -> Bool {
        try await perform("renewLease") {
            try await !rows("""
                UPDATE switchyard_batches SET lease_expires_at = \(until) WHERE id = \(batchID) AND lease_owner = \(replica) RETURNING 1
                """) { _ in () }.isEmpty
        }
    }

    public func releaseLease(batchID: String, replica: String) async throws {
        try await perform("releaseLease") {
            try await execute("""
                UPDATE switchyard_batches SET lease_owner = NULL, lease_expires_at = NULL WHERE id = \(batchID) AND lease_owner = \(replica)
                """)
        }
    }

    private static func decodeBatch(_ row: PostgresRow) throws -> StoredBatch {
        var reader = RowReader(row)
        var batch = StoredBatch(
            id: try reader.next(), ownerKeyHash: try reader.next(), teamID: try reader.next(), endpoint: try reader.next(),
            inputFileID: try reader.next(), completionWindow: try reader.next(), createdAt: 0, expiresAt: 0
        )
        batch.status = BatchStatus(rawValue: try reader.next(String.self)) ?? .failed
        batch.createdAt = try reader.next()
        batch.expiresAt = try reader.next()
        for status in StoredBatch.timedStatuses {
            if let time = try reader.next(Double?.self) { batch.statusTimes[status] = time }
        }
        batch.outputFileID = try reader.next()
        batch.errorFileID = try reader.next()
        batch.counts = BatchRequestCounts(total: try reader.next(), completed: try reader.next(), failed: try reader.next())
        batch.usage = BatchTokenUsage(
            inputTokens: try reader.next(), cachedTokens: try reader.next(), outputTokens: try reader.next(), reasoningTokens: try reader.next()
        )
        batch.errors = StoredBatch.errors(fromJSON: try reader.next())
        batch.metadata = StoredBatch.metadata(fromJSON: try reader.next())
        batch.model = try reader.next()
        batch.outputLifetime = try reader.next()
        return batch
    }
}
