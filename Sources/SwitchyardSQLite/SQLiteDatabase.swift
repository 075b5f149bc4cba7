import NIOPosix
import Synchronization

/// An SQLite connection shared by tasks: each call runs on NIO's blocking-I/O thread pool,
/// one at a time, so no event loop or cooperative thread ever waits on the disk.
final class SQLiteDatabase: Sendable {
    private let connection: Mutex<SQLiteConnection?>
    private let pool: NIOThreadPool

    init(path: String, pool: NIOThreadPool = .singleton) throws {
        let connection = try SQLiteConnection(path: path)
        if path != ":memory:" {
            // WAL lets the CLI read while the gateway writes; NORMAL is durable at checkpoints
            // and fast enough for batched writes.
            try connection.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        }
        try connection.execute("PRAGMA foreign_keys=ON;")
        self.connection = Mutex(connection)
        self.pool = pool
    }

    /// Runs `body` with the connection on the thread pool.
    @discardableResult
    func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await pool.runIfActive {
            try self.connection.withLock { connection in
                guard let connection else { throw SQLiteError(message: "the database is closed") }
                return try body(connection)
            }
        }
    }

    func close() {
        connection.withLock { $0 = nil }
    }
}
