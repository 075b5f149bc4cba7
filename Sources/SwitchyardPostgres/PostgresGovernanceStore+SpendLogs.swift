import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    /// Rows per statement: big enough that a sync is one round trip, small enough that one
    /// statement's binds stay a few megabytes.
    static let spendLogChunk = 10_000

    /// Every log column, in the order `decodeLog` reads them.
    /// Rows logged before the cost trail have no list cost, and were charged at list price.
    private static let logColumns = """
        request_id, call_type, key_hash, key_alias, team_id, user_id, model_group, model, provider,
        spend, COALESCE(list_cost, spend), billing_multiplier, prompt_tokens, completion_tokens, total_tokens,
        start_time, end_time, status, tags, cost_known, units, cache_hit, saved_cost
        """

    /// Writes entries with one multi-row insert per chunk; an entry whose `requestID` is
    /// already stored is skipped, so a batch retried after a timeout is not counted twice.
    public func insertSpendLogs(_ entries: [SpendLogEntry]) async throws {
        var start = entries.startIndex
        while start < entries.endIndex {
            let end = min(start + Self.spendLogChunk, entries.endIndex)
            let chunk = entries[start..<end]
            try await perform("insertSpendLogs") {
                try await execute(Self.insertLogs(chunk))
            }
            start = end
        }
    }

    public func spendLogs(_ query: SpendLogQuery) async throws -> (rows: [SpendLogEntry], total: Int) {
        var filter = SpendLogFilter()
        if let keyHash = query.keyHash { filter.add("key_hash = ", keyHash) }
        if let userID = query.userID { filter.add("user_id = ", userID) }
        if let teamID = query.teamID { filter.add("team_id = ", teamID) }
        if let modelGroup = query.modelGroup { filter.add("model_group = ", modelGroup) }
        if let requestID = query.requestID { filter.add("request_id = ", requestID) }
        if let statuses = query.statuses {
            filter.add("status >= ", statuses.lowerBound)
            filter.add("status <= ", statuses.upperBound)
        }
        // `@>` on an array is what the GIN index on tags answers.
        if let tag = query.tag { filter.add("tags @> ", [tag]) }
        if let startTime = query.startTime { filter.add("start_time >= ", startTime) }
        if let endTime = query.endTime { filter.add("start_time < ", endTime) }

        let limit = max(query.limit, 0)
        let offset = max(query.offset, 0)
        let filterSQL = filter.sql
        let filterBinds = filter.binds
        return try await perform("spendLogs") {
            let total = try await rows(PostgresQuery(
                unsafeSQL: "SELECT COUNT(*) FROM switchyard_spend_logs\(filterSQL)",
                binds: filterBinds
            )) { try $0.decode(Int.self) }.first ?? 0
            guard limit > 0, offset < total else { return ([], total) }

            var pageBinds = filterBinds
            pageBinds.append(limit)
            pageBinds.append(offset)
            // request_id breaks ties so pages neither repeat nor skip rows that share a start time.
            let page = try await rows(PostgresQuery(
                unsafeSQL: """
                    SELECT \(Self.logColumns) FROM switchyard_spend_logs\(filterSQL)
                    ORDER BY start_time DESC, request_id DESC
                    LIMIT $\(pageBinds.count - 1) OFFSET $\(pageBinds.count)
                    """,
                binds: pageBinds
            ), Self.decodeLog)
            return (page, total)
        }
    }

    /// Spend, requests and tokens per UTC day and model group for logs starting in
    /// `[start, end)`, oldest day first.
    ///
    /// Unix time has no leap seconds, so `floor(start_time / 86400)` is the UTC day; grouping
    /// on that number and formatting only the groups keeps time zones out of the scan.
    public func spendReport(from start: Double, to end: Double) async throws -> [SpendReportRow] {
        try await perform("spendReport") {
            try await rows("""
                SELECT to_char(to_timestamp(day * 86400) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), model_group,
                       spend, list_cost, requests, prompt_tokens, completion_tokens
                FROM (
                    SELECT floor(start_time / 86400)::BIGINT AS day, model_group,
                           SUM(spend) AS spend, SUM(COALESCE(list_cost, spend)) AS list_cost, COUNT(*) AS requests,
                           SUM(prompt_tokens)::BIGINT AS prompt_tokens,
                           SUM(completion_tokens)::BIGINT AS completion_tokens
                    FROM switchyard_spend_logs
                    WHERE start_time >= \(start) AND start_time < \(end)
                    GROUP BY 1, 2
                ) AS days
                ORDER BY day, model_group
                """) { row in
                var reader = RowReader(row)
                return SpendReportRow(
                    day: try reader.next(),
                    modelGroup: try reader.next(),
                    spend: try reader.next(),
                    listCost: try reader.next(Double.self),
                    requests: try reader.next(),
                    promptTokens: try reader.next(),
                    completionTokens: try reader.next()
                )
            }
        }
    }

    public func spendTotals(from start: Double, to end: Double, by grouping: SpendGrouping) async throws -> [SpendTotalsRow] {
        let query: PostgresQuery = """
            SELECT \(unescaped: grouping.column), COUNT(*)::BIGINT, SUM(spend), SUM(COALESCE(list_cost, spend)),
                   SUM(prompt_tokens)::BIGINT, SUM(completion_tokens)::BIGINT,
                   (array_agg(key_alias ORDER BY start_time DESC))[1]
            FROM switchyard_spend_logs
            WHERE start_time >= \(start) AND start_time < \(end)
            GROUP BY 1 ORDER BY 3 DESC, 1
            """
        return try await perform("spendTotals") {
            try await rows(query) { row in
                var reader = RowReader(row)
                let group: String? = try reader.next()
                let requests: Int = try reader.next()
                let spend: Double = try reader.next()
                let listCost: Double = try reader.next()
                let prompt: Int = try reader.next()
                let completion: Int = try reader.next()
                let alias: String? = try reader.next()
                return SpendTotalsRow(
                    group: group, label: grouping == .key ? alias : nil, requests: requests, spend: spend, listCost: listCost,
                    promptTokens: prompt, completionTokens: completion
                )
            }
        }
    }

    /// Deletes log rows that started before `time` and usage windows before `minute`, in one
    /// statement; answers how many rows the two removed together.
    public func prune(logsBefore time: Double, windowsBefore minute: Int) async throws -> Int {
        try await perform("prune") {
            try await rows("""
                WITH logs AS (
                    DELETE FROM switchyard_spend_logs WHERE start_time < \(time) RETURNING 1
                ), windows AS (
                    DELETE FROM switchyard_usage_windows WHERE minute < \(minute) RETURNING 1
                )
                SELECT (SELECT COUNT(*) FROM logs) + (SELECT COUNT(*) FROM windows)
                """) { try $0.decode(Int.self) }.first ?? 0
        }
    }

    /// One insert for a chunk: each column travels as one array bind and `unnest` zips them
    /// back into rows. Tags are a list per row, so each row's travels as a `text[]` literal.
    private static func insertLogs(_ entries: ArraySlice<SpendLogEntry>) -> PostgresQuery {
        """
        INSERT INTO switchyard_spend_logs (
            request_id, call_type, key_hash, key_alias, team_id, user_id, model_group, model, provider,
            spend, list_cost, billing_multiplier, prompt_tokens, completion_tokens, total_tokens, start_time, end_time, status, tags,
            cost_known, units, cache_hit, saved_cost
        )
        SELECT request_id, call_type, key_hash, key_alias, team_id, user_id, model_group, model, provider,
               spend, list_cost, billing_multiplier, prompt_tokens, completion_tokens, total_tokens, start_time, end_time, status,
               tags::TEXT[], cost_known, units, cache_hit, saved_cost
        FROM unnest(
            \(entries.map(\.requestID))::TEXT[], \(entries.map(\.callType))::TEXT[],
            \(NullableArrayBind(entries.map(\.keyHash)))::TEXT[], \(NullableArrayBind(entries.map(\.keyAlias)))::TEXT[],
            \(NullableArrayBind(entries.map(\.teamID)))::TEXT[], \(NullableArrayBind(entries.map(\.userID)))::TEXT[],
            \(entries.map(\.modelGroup))::TEXT[], \(NullableArrayBind(entries.map(\.model)))::TEXT[],
            \(NullableArrayBind(entries.map(\.provider)))::TEXT[], \(entries.map(\.spend))::FLOAT8[],
            \(entries.map(\.listCost))::FLOAT8[], \(entries.map(\.billingMultiplier))::FLOAT8[],
            \(entries.map(\.promptTokens))::INT8[], \(entries.map(\.completionTokens))::INT8[],
            \(entries.map(\.totalTokens))::INT8[], \(entries.map(\.startTime))::FLOAT8[],
            \(entries.map(\.endTime))::FLOAT8[], \(entries.map(\.status))::INT8[],
            \(entries.map { PostgresArrayLiteral.text($0.tags) })::TEXT[],
            \(entries.map(\.costKnown))::BOOL[], \(NullableArrayBind(entries.map(\.units)))::TEXT[],
            \(entries.map(\.cacheHit))::BOOL[], \(entries.map(\.savedCost))::FLOAT8[]
        ) AS entry(
            request_id, call_type, key_hash, key_alias, team_id, user_id, model_group, model, provider,
            spend, list_cost, billing_multiplier, prompt_tokens, completion_tokens, total_tokens, start_time, end_time, status, tags,
            cost_known, units, cache_hit, saved_cost
        )
        ON CONFLICT (request_id) DO NOTHING
        """
    }

    private static func decodeLog(_ row: PostgresRow) throws -> SpendLogEntry {
        var reader = RowReader(row)
        var entry = SpendLogEntry(
            requestID: try reader.next(),
            callType: try reader.next(),
            keyHash: try reader.next(),
            keyAlias: try reader.next(),
            teamID: try reader.next(),
            userID: try reader.next(),
            modelGroup: try reader.next(),
            model: try reader.next(),
            provider: try reader.next(),
            spend: try reader.next(),
            listCost: try reader.next(Double.self),
            billingMultiplier: try reader.next(),
            promptTokens: try reader.next(),
            completionTokens: try reader.next(),
            totalTokens: try reader.next(Int.self),
            startTime: try reader.next(),
            endTime: try reader.next(),
            status: try reader.next(),
            tags: try reader.next()
        )
        entry.costKnown = try reader.next()
        entry.units = try reader.next()
        entry.cacheHit = try reader.next()
        entry.savedCost = try reader.next()
        return entry
    }

}
