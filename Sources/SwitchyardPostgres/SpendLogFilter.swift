import PostgresNIO

/// The `WHERE` clause of a `/spend/logs` query, built one condition at a time with every
/// value bound as a parameter, never spliced into the SQL.
struct SpendLogFilter {
    private(set) var binds = PostgresBindings()
    private var conditions: [String] = []

    /// Adds `<prefix>$n`, binding `value` as parameter n.
    mutating func add<Value: PostgresNonThrowingEncodable>(_ prefix: String, _ value: Value) {
        binds.append(value)
        conditions.append("\(prefix)$\(binds.count)")
    }

    /// ` WHERE …` with a leading space, or nothing when no condition was added.
    var sql: String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }
}
