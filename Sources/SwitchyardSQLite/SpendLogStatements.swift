import SwitchyardCore

/// The SQL that answers a `SpendLogQuery`: a count and a page, newest first (rows of the same
/// instant in the order they were written, last first).
///
/// Both are answered from an index alone: the time, key, model group, team and user indexes
/// end in the row id, and a tag filter is driven by the tag table, keyed (tag, start_time,
/// log_id). A deep page so skips index entries, not table rows, and only the page's own rows
/// are read from the table.
struct SpendLogStatements {
    let count: String
    let countValues: [SQLiteValue]
    /// The page's row ids, in order (the part that must stay on an index).
    let ids: String
    let page: String
    let pageValues: [SQLiteValue]

    init(_ query: SpendLogQuery, columns: String) {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        func add(_ condition: String, _ value: SQLiteValue) {
            conditions.append(condition)
            values.append(value)
        }
        if let tag = query.tag { add("t.tag = ?", .text(tag)) }
        let matches = [
            ("key_hash", query.keyHash), ("user_id", query.userID), ("team_id", query.teamID), ("model_group", query.modelGroup),
            ("request_id", query.requestID),
        ]
        for case let (column, value?) in matches { add("l.\(column) = ?", .text(value)) }
        if let statuses = query.statuses {
            add("l.status >= ?", .integer(Int64(statuses.lowerBound)))
            add("l.status <= ?", .integer(Int64(statuses.upperBound)))
        }
        let tagged = query.tag != nil
        // A tag alone (with a time range) needs nothing from the log table to count or order.
        let source =
            !tagged ? "switchyard_spend_logs l"
            : conditions.count > 1 ? "switchyard_spend_log_tags t JOIN switchyard_spend_logs l ON l.id = t.log_id"
            : "switchyard_spend_log_tags t"
        let (time, id) = tagged ? ("t.start_time", "t.log_id") : ("l.start_time", "l.id")
        if let start = query.startTime { add("\(time) >= ?", .real(start)) }
        if let end = query.endTime { add("\(time) < ?", .real(end)) }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        count = "SELECT COUNT(*) FROM \(source)\(filter)"
        countValues = values
        ids = "SELECT \(id) FROM \(source)\(filter) ORDER BY \(time) DESC, \(id) DESC LIMIT ? OFFSET ?"
        page = "SELECT \(columns) FROM switchyard_spend_logs WHERE id IN (\(ids)) ORDER BY start_time DESC, id DESC"
        pageValues = values + [.integer(Int64(query.limit)), .integer(Int64(query.offset))]
    }
}
