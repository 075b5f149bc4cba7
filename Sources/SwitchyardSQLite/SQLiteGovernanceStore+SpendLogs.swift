import SwitchyardCore

extension SQLiteGovernanceStore {
    static let logColumns = """
        request_id, call_type, key_hash, key_alias, team_id, user_id, model_group, model, provider, spend,
        prompt_tokens, completion_tokens, total_tokens, start_time, end_time, status, tags, list_cost, billing_multiplier,
        cost_known, units, cache_hit, saved_cost
        """
    /// `logColumns` as `logEntry` reads them: rows logged before the cost trail have no list
    /// cost, and were charged at list price.
    static let logSelection = logColumns.replacingOccurrences(of: "list_cost,", with: "COALESCE(list_cost, spend),")

    public func insertSpendLogs(_ entries: [SpendLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await database.run { connection in
            try connection.transaction {
                // Compiled once per batch, not per row: a batch is a sync interval's requests.
                let insert = try connection.prepared(
                    "INSERT OR IGNORE INTO switchyard_spend_logs (\(Self.logColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                )
                let tag = try connection.prepared("INSERT OR IGNORE INTO switchyard_spend_log_tags (tag, start_time, log_id) VALUES (?, ?, ?)")
                for entry in entries {
                    let values: [SQLiteValue] = [
                        .text(entry.requestID), .text(entry.callType), SQLiteValue(entry.keyHash), SQLiteValue(entry.keyAlias),
                        SQLiteValue(entry.teamID), SQLiteValue(entry.userID), .text(entry.modelGroup), SQLiteValue(entry.model),
                        SQLiteValue(entry.provider), .real(entry.spend), .integer(Int64(entry.promptTokens)),
                        .integer(Int64(entry.completionTokens)), .integer(Int64(entry.totalTokens)), .real(entry.startTime),
                        .real(entry.endTime), .integer(Int64(entry.status)), .text(StoreJSON.encode(entry.tags)),
                        .real(entry.listCost), .real(entry.billingMultiplier), .integer(entry.costKnown ? 1 : 0), SQLiteValue(entry.units),
                        .integer(entry.cacheHit ? 1 : 0), .real(entry.savedCost),
                    ]
                    try insert.run(values)
                    guard connection.changes > 0, !entry.tags.isEmpty else { continue }
                    let id = SQLiteValue.integer(connection.lastInsertRowID)
                    for name in Set(entry.tags) { try tag.run([.text(name), .real(entry.startTime), id]) }
                }
            }
        }
    }

    public func spendLogs(_ query: SpendLogQuery) async throws -> (rows: [SpendLogEntry], total: Int) {
        let statements = SpendLogStatements(query, columns: Self.logSelection)
        return try await database.run { connection in
            let total = try connection.query(statements.count, statements.countValues).first?.first?.int ?? 0
            let rows = try connection.query(statements.page, statements.pageValues).map(Self.logEntry)
            return (rows, total)
        }
    }

    public func spendReport(from start: Double, to end: Double) async throws -> [SpendReportRow] {
        try await database.run { connection in
            try connection.query(
                """
                SELECT date(start_time, 'unixepoch') AS day, model_group, SUM(spend), SUM(COALESCE(list_cost, spend)), COUNT(*),
                       SUM(prompt_tokens), SUM(completion_tokens)
                FROM switchyard_spend_logs WHERE start_time >= ? AND start_time < ?
                GROUP BY day, model_group ORDER BY day, model_group
                """,
                [.real(start), .real(end)]
            ).map { row in
                SpendReportRow(
                    day: row[0].string ?? "", modelGroup: row[1].string ?? "", spend: row[2].double ?? 0, listCost: row[3].double ?? 0,
                    requests: row[4].int ?? 0, promptTokens: row[5].int ?? 0, completionTokens: row[6].int ?? 0
                )
            }
        }
    }

    public func spendTotals(from start: Double, to end: Double, by grouping: SpendGrouping) async throws -> [SpendTotalsRow] {
        try await database.run { connection in
            // SQLite answers the bare key_alias column from the row that holds MAX(start_time).
            try connection.query(
                """
                SELECT \(grouping.column), COUNT(*), SUM(spend), SUM(COALESCE(list_cost, spend)), SUM(prompt_tokens),
                       SUM(completion_tokens), key_alias, MAX(start_time)
                FROM switchyard_spend_logs WHERE start_time >= ? AND start_time < ?
                GROUP BY \(grouping.column) ORDER BY SUM(spend) DESC, \(grouping.column)
                """,
                [.real(start), .real(end)]
            ).map { row in
                SpendTotalsRow(
                    group: row[0].string, label: grouping == .key ? row[6].string : nil, requests: row[1].int ?? 0, spend: row[2].double ?? 0,
                    listCost: row[3].double ?? 0, promptTokens: row[4].int ?? 0, completionTokens: row[5].int ?? 0
                )
            }
        }
    }

    public func prune(logsBefore time: Double, windowsBefore minute: Int) async throws -> Int {
        try await database.run { connection in
            try connection.transaction {
                try connection.query("DELETE FROM switchyard_usage_windows WHERE minute < ?", [.integer(Int64(minute))])
                let windows = connection.changes
                try connection.query("DELETE FROM switchyard_spend_logs WHERE start_time < ?", [.real(time)])
                return windows + connection.changes
            }
        }
    }

    static func logEntry(_ row: [SQLiteValue]) -> SpendLogEntry {
        SpendLogEntry(
            requestID: row[0].string ?? "", callType: row[1].string ?? "", keyHash: row[2].string, keyAlias: row[3].string,
            teamID: row[4].string, userID: row[5].string, modelGroup: row[6].string ?? "", model: row[7].string,
            provider: row[8].string, spend: row[9].double ?? 0, listCost: row[17].double, billingMultiplier: row[18].double ?? 1,
            costKnown: (row[19].int ?? 1) != 0, units: row[20].string, cacheHit: (row[21].int ?? 0) != 0, savedCost: row[22].double ?? 0,
            promptTokens: row[10].int ?? 0, completionTokens: row[11].int ?? 0, totalTokens: row[12].int ?? 0,
            startTime: row[13].double ?? 0, endTime: row[14].double ?? 0, status: row[15].int ?? 0, tags: StoreJSON.strings(row[16].string)
        )
    }
}
