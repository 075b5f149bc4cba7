import CSQLite

/// One SQLite connection: statements in, rows out. Not thread-safe; `SQLiteDatabase`
/// serialises access to it.
final class SQLiteConnection {
    private let handle: OpaquePointer

    /// Opens (creating if needed) the database at `path`; `:memory:` works too.
    init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw SQLiteError(message: "cannot open \(path): \(message)")
        }
        self.handle = handle
        sqlite3_busy_timeout(handle, 5000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that take no parameters.
    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw SQLiteError(message: message)
        }
    }

    /// Runs one statement with `parameters`; answers its rows.
    @discardableResult
    func query(_ sql: String, _ parameters: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        return try run(statement, parameters)
    }

    /// Runs one statement once per parameter list, prepared once (batched inserts).
    func executeMany(_ sql: String, _ rows: [[SQLiteValue]]) throws {
        let statement = try prepared(sql)
        for parameters in rows { try statement.run(parameters) }
    }

    /// A statement compiled once, to run many times.
    func prepared(_ sql: String) throws -> PreparedStatement {
        PreparedStatement(connection: self, handle: try prepare(sql))
    }

    /// The rowid of the last row inserted on this connection.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// A compiled statement; finalized when released.
    final class PreparedStatement {
        private let connection: SQLiteConnection
        private let handle: OpaquePointer

        fileprivate init(connection: SQLiteConnection, handle: OpaquePointer) {
            self.connection = connection
            self.handle = handle
        }

        deinit { sqlite3_finalize(handle) }

        /// Binds `parameters`, runs to completion and resets for the next run.
        @discardableResult
        func run(_ parameters: [SQLiteValue]) throws -> [[SQLiteValue]] {
            defer {
                sqlite3_reset(handle)
                sqlite3_clear_bindings(handle)
            }
            return try connection.run(handle, parameters)
        }
    }

    /// Runs `body` in a transaction, rolled back if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows the last statement changed.
    var changes: Int { Int(sqlite3_changes(handle)) }

    private var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    private func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw SQLiteError(message: "\(lastError) in \(sql)")
        }
        return statement
    }

    @discardableResult
    fileprivate func run(_ statement: OpaquePointer, _ parameters: [SQLiteValue]) throws -> [[SQLiteValue]] {
        for (offset, value) in parameters.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(statement, index)
            case .integer(let number): status = sqlite3_bind_int64(statement, index, number)
            case .real(let number): status = sqlite3_bind_double(statement, index, number)
            case .text(let text): status = sqlite3_bind_text(statement, index, text, -1, Self.transient)
            }
            guard status == SQLITE_OK else { throw SQLiteError(message: lastError) }
        }
        var rows: [[SQLiteValue]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw SQLiteError(message: lastError) }
            let columns = sqlite3_column_count(statement)
            var row: [SQLiteValue] = []
            row.reserveCapacity(Int(columns))
            for column in 0..<columns {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
                case SQLITE_NULL: row.append(.null)
                default:
                    if let text = sqlite3_column_text(statement, column) {
                        row.append(.text(String(cString: text)))
                    } else {
                        row.append(.null)
                    }
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// SQLite copies bound text at once (`SQLITE_TRANSIENT`), so Swift strings need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// An SQLite failure, with SQLite's own message.
struct SQLiteError: Error, CustomStringConvertible {
    var message: String
    var description: String { "SQLite: \(message)" }
}
