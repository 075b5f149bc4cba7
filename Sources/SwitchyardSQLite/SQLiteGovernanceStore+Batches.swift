import SwitchyardCore

extension SQLiteGovernanceStore {
    public func insertBatch(_ batch: StoredBatch) async throws {
        try await database.run { connection in
            try connection.query(
                """
                INSERT INTO switchyard_batches (\(StoredBatch.columns))
                VALUES (\(Array(repeating: "?", count: Self.batchValues(batch).count).joined(separator: ", ")))
                """,
                Self.batchValues(batch)
            )
        }
    }

    public func batch(id: String) async throws -> StoredBatch? {
        try await database.run { connection in
            try connection.query("SELECT \(StoredBatch.columns) FROM switchyard_batches WHERE id = ?", [.text(id)]).first.map(Self.storedBatch)
        }
    }

    public func batches(_ query: BatchQuery) async throws -> [StoredBatch] {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if let owner = query.ownerKeyHash {
            if let team = query.teamID {
                conditions.append("(owner_key_hash = ? OR team_id = ?)")
                values += [.text(owner), .text(team)]
            } else {
                conditions.append("owner_key_hash = ?")
                values.append(.text(owner))
            }
        }
        if let after = query.after {
            conditions.append("(created_at, id) < (SELECT created_at, id FROM switchyard_batches WHERE id = ?)")
            values.append(.text(after))
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        values.append(.integer(Int64(query.limit + 1)))
        return try await database.run { [values] connection in
            try connection.query(
                "SELECT \(StoredBatch.columns) FROM switchyard_batches \(filter) ORDER BY created_at DESC, id DESC LIMIT ?", values
            ).map(Self.storedBatch)
        }
    }

    public func updateBatch(_ batch: StoredBatch, from: Set<BatchStatus>) async throws -> Bool {
        guard !from.isEmpty else { return false }
        let times = StoredBatch.timedStatuses.map { "\($0.rawValue)_at = ?" }.joined(separator: ", ")
        var values: [SQLiteValue] = [.text(batch.status.rawValue)]
        values += StoredBatch.timedStatuses.map { SQLiteValue(batch.statusTimes[$0]) }
        values += [SQLiteValue(batch.outputFileID), SQLiteValue(batch.errorFileID), SQLiteValue(batch.errorsJSON), SQLiteValue(batch.model), .text(batch.id)]
        values += from.map { .text($0.rawValue) }
        let statuses = Array(repeating: "?", count: from.count).joined(separator: ", ")
        return try await database.run { [values] connection in
            try connection.query(
                """
                UPDATE switchyard_batches SET status = ?, \(times), output_file_id = ?, error_file_id = ?, errors = ?, model = ?
                WHERE id = ? AND status IN (\(statuses))
                """,
                values
            )
            return connection.changes > 0
        }
    }

    public func acceptBatch(id: String, lines: [BatchLine], model: String?, at time: Double) async throws -> Bool {
        try await database.run { connection in
            try connection.transaction {
                let status = try connection.query("SELECT status FROM switchyard_batches WHERE id = ?", [.text(id)]).first?.first?.string
                guard status == BatchStatus.validating.rawValue else { return false }
                try connection.query("DELETE FROM switchyard_batch_lines WHERE batch_id = ?", [.text(id)])
                try connection.executeMany(
                    "INSERT INTO switchyard_batch_lines (batch_id, line_index, custom_id, body) VALUES (?, ?, ?, ?)",
                    lines.map { [.text(id), .integer(Int64($0.index)), .text($0.customID), .text($0.body)] }
                )
                try connection.query(
                    "UPDATE switchyard_batches SET status = ?, in_progress_at = ?, total = ?, model = ? WHERE id = ?",
                    [.text(BatchStatus.inProgress.rawValue), .real(time), .integer(Int64(lines.count)), SQLiteValue(model), .text(id)]
                )
                return true
            }
        }
    }

    public func unsettledLines(batchID: String, after index: Int, limit: Int) async throws -> [BatchLine] {
        try await database.run { connection in
            try connection.query(
                """
                SELECT line_index, custom_id, body FROM switchyard_batch_lines
                WHERE batch_id = ? AND line_index > ? AND result_id IS NULL ORDER BY line_index LIMIT ?
                """,
                [.text(batchID), .integer(Int64(index)), .integer(Int64(limit))]
            ).map { row in BatchLine(index: row[0].int ?? 0, customID: row[1].string ?? "", body: row[2].string ?? "") }
        }
    }

    public func lineOutcomes(batchID: String, after index: Int, limit: Int) async throws -> [BatchLine] {
        try await database.run { connection in
            try connection.query(
                """
                SELECT line_index, custom_id, result_id, status_code, request_id, response, error_code, error_message
                FROM switchyard_batch_lines WHERE batch_id = ? AND line_index > ? ORDER BY line_index LIMIT ?
                """,
                [.text(batchID), .integer(Int64(index)), .integer(Int64(limit))]
            ).map { row in
                let result = BatchLineResult(
                    id: row[2].string, status: row[3].int, requestID: row[4].string, response: row[5].string, errorCode: row[6].string,
                    errorMessage: row[7].string
                )
                return BatchLine(index: row[0].int ?? 0, customID: row[1].string ?? "", body: "", result: result)
            }
        }
    }

    public func settleLine(batchID: String, index: Int, result: BatchLineResult, usage: BatchTokenUsage) async throws -> Bool {
        let columns = result.columnValues
        return try await database.run { connection in
            try connection.transaction {
                try connection.query(
                    """
                    UPDATE switchyard_batch_lines SET result_id = ?, status_code = ?, request_id = ?, response = ?, error_code = ?, error_message = ?
                    WHERE batch_id = ? AND line_index = ? AND result_id IS NULL
                    """,
                    [
                        .text(columns.id), SQLiteValue(columns.status), SQLiteValue(columns.requestID), SQLiteValue(columns.response),
                        SQLiteValue(columns.errorCode), SQLiteValue(columns.errorMessage), .text(batchID), .integer(Int64(index)),
                    ]
                )
                guard connection.changes > 0 else { return false }
                try connection.query(
                    """
                    UPDATE switchyard_batches SET completed = completed + ?, failed = failed + ?, input_tokens = input_tokens + ?,
                    cached_tokens = cached_tokens + ?, output_tokens = output_tokens + ?, reasoning_tokens = reasoning_tokens + ?
                    WHERE id = ?
                    """,
                    [
                        .integer(result.succeeded ? 1 : 0), .integer(result.succeeded ? 0 : 1), .integer(Int64(usage.inputTokens)),
                        .integer(Int64(usage.cachedTokens)), .integer(Int64(usage.outputTokens)), .integer(Int64(usage.reasoningTokens)),
                        .text(batchID),
                    ]
                )
                return true
            }
        }
    }

    public func expireUnsettledLines(batchID: String, idPrefix: String) async throws -> Int {
        try await database.run { connection in
            try connection.transaction {
                try connection.query(
                    """
                    UPDATE switchyard_batch_lines SET result_id = ? || line_index, error_code = ?, error_message = ?
                    WHERE batch_id = ? AND result_id IS NULL
                    """,
                    [.text(idPrefix), .text(BatchOutputLine.expiredCode), .text(BatchOutputLine.expiredMessage), .text(batchID)]
                )
                let expired = connection.changes
                try connection.query("UPDATE switchyard_batches SET failed = failed + ? WHERE id = ?", [.integer(Int64(expired)), .text(batchID)])
                return expired
            }
        }
    }

    public func claimBatch(replica: String, now: Double, leaseUntil: Double) async throws -> StoredBatch? {
        try await database.run { connection in
            try connection.transaction {
                let free = try connection.query(
                    """
                    SELECT id FROM switchyard_batches
                    WHERE status IN \(StoredBatch.activeStatusList)
                    AND (lease_owner IS NULL OR (lease_expires_at < ? AND lease_owner <> ?))
                    ORDER BY created_at LIMIT 1
                    """,
                    [.real(now), .text(replica)]
                )
                guard let id = free.first?.first?.string else { return nil }
                try connection.query(
                    "UPDATE switchyard_batches SET lease_owner = ?, lease_expires_at = ? WHERE id = ?", [.text(replica), .real(leaseUntil), .text(id)]
                )
                return try connection.query("SELECT \(StoredBatch.columns) FROM switchyard_batches WHERE id = ?", [.text(id)]).first.map(Self.storedBatch)
            }
        }
    }

    public func renewLease(batchID: String, replica: String, until: Double) async throws -> Bool {
        try await database.run { connection in
            try connection.query(
                "UPDATE switchyard_batches SET lease_expires_at = ? WHERE id = ? AND lease_owner = ?", [.real(until), .text(batchID), .text(replica)]
            )
            return connection.changes > 0
        }
    }

    public func releaseLease(batchID: String, replica: String) async throws {
        try await database.run { connection in
            try connection.query(
                "UPDATE switchyard_batches SET lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?", [.text(batchID), .text(replica)]
            )
        }
    }

    /// The values of `StoredBatch.columns`, in order.
    static func batchValues(_ batch: StoredBatch) -> [SQLiteValue] {
        var values: [SQLiteValue] = [
            .text(batch.id), .text(batch.ownerKeyHash), SQLiteValue(batch.teamID), .text(batch.endpoint), .text(batch.inputFileID),
            .text(batch.completionWindow), .text(batch.status.rawValue), .real(batch.createdAt), .real(batch.expiresAt),
        ]
        values += StoredBatch.timedStatuses.map { SQLiteValue(batch.statusTimes[$0]) }
        values += [
            SQLiteValue(batch.outputFileID), SQLiteValue(batch.errorFileID), SQLiteValue(batch.counts.total), SQLiteValue(batch.counts.completed),
            SQLiteValue(batch.counts.failed), SQLiteValue(batch.usage.inputTokens), SQLiteValue(batch.usage.cachedTokens),
            SQLiteValue(batch.usage.outputTokens), SQLiteValue(batch.usage.reasoningTokens), SQLiteValue(batch.errorsJSON),
            SQLiteValue(batch.metadataJSON), SQLiteValue(batch.model), SQLiteValue(batch.outputLifetime),
        ]
        return values
    }

    static func storedBatch(_ row: [SQLiteValue]) -> StoredBatch {
        var times: [BatchStatus: Double] = [:]
        for (offset, status) in StoredBatch.timedStatuses.enumerated() {
            if let time = row[9 + offset].double { times[status] = time }
        }
        let next = 9 + StoredBatch.timedStatuses.count
        return StoredBatch(
            id: row[0].string ?? "", ownerKeyHash: row[1].string ?? "", teamID: row[2].string, endpoint: row[3].string ?? "",
            inputFileID: row[4].string ?? "", completionWindow: row[5].string ?? "24h",
            status: BatchStatus(rawValue: row[6].string ?? "") ?? .failed, createdAt: row[7].double ?? 0, expiresAt: row[8].double ?? 0,
            statusTimes: times, outputFileID: row[next].string, errorFileID: row[next + 1].string,
            counts: BatchRequestCounts(total: row[next + 2].int ?? 0, completed: row[next + 3].int ?? 0, failed: row[next + 4].int ?? 0),
            usage: BatchTokenUsage(
                inputTokens: row[next + 5].int ?? 0, cachedTokens: row[next + 6].int ?? 0, outputTokens: row[next + 7].int ?? 0,
                reasoningTokens: row[next + 8].int ?? 0
            ),
            errors: StoredBatch.errors(fromJSON: row[next + 9].string), metadata: StoredBatch.metadata(fromJSON: row[next + 10].string),
            model: row[next + 11].string, outputLifetime: row[next + 12].double
        )
    }
}
