import PostgresNIO

/// Why the PostgreSQL store failed: a URL it cannot use, or a statement the server refused.
///
/// `PSQLError` prints a fixed, redacted sentence; this keeps the operation, the SQLSTATE and
/// the server's message (never bound values or the password) so a log line says what went wrong.
public enum PostgresStoreError: Error, Sendable, CustomStringConvertible {
    case invalidURL(String)
    /// A store operation failed; `sqlState` is the server's code when the server answered.
    case query(operation: String, sqlState: String?, message: String, underlying: any Error)

    public var description: String {
        switch self {
        case .invalidURL(let reason):
            return "invalid PostgreSQL URL: \(reason)"
        case .query(let operation, let sqlState, let message, _):
            let code = sqlState.map { " [\($0)]" } ?? ""
            return "PostgreSQL \(operation) failed\(code): \(message)"
        }
    }

    /// The server's SQLSTATE, if the server answered at all.
    public var sqlState: String? {
        if case .query(_, let sqlState, _, _) = self { return sqlState }
        return nil
    }

    /// Wraps anything a query threw, unwrapping transaction errors to the statement that failed.
    static func wrap(_ error: any Error, operation: String) -> PostgresStoreError {
        if let error = error as? PostgresStoreError { return error }
        var cause: any Error = error
        if let transaction = error as? PostgresTransactionError {
            cause = transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? transaction.rollbackError ?? error
        }
        guard let psql = cause as? PSQLError else {
            return .query(operation: operation, sqlState: nil, message: "\(cause)", underlying: error)
        }
        if let info = psql.serverInfo {
            let message = info[.message] ?? "server error"
            return .query(operation: operation, sqlState: info[.sqlState], message: message, underlying: error)
        }
        let reason = psql.underlying.map { "\(psql.code): \($0)" } ?? "\(psql.code)"
        return .query(operation: operation, sqlState: nil, message: reason, underlying: error)
    }
}
