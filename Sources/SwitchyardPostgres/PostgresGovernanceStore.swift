import Logging
import PostgresNIO
import ServiceLifecycle
import SwitchyardCore

/// The governance store on PostgreSQL, for gateways running as several replicas against one
/// database.
///
/// Queries go through a `PostgresClient` pool that only works while `run()` is running: add
/// the store to the gateway's `ServiceGroup` (it is a `Service`), or wrap one-shot work in
/// `withStore(url:_:)`. A call awaited before `run()` starts waits for it, so `migrate()` at
/// startup belongs after the group starts (in a service, or a task beside `group.run()`), not
/// before it. `close()` ends `run()`. While the server is unreachable the pool retries, and
/// calls fail only after about a minute. Batch writes (`addSpend`, `addUsage`,
/// `resetBudgets`, `insertSpendLogs`) are one statement each over `unnest` of array binds,
/// so a sync costs one round trip however many rows it carries, and each is atomic.
public final class PostgresGovernanceStore: GovernanceStore, Service {
    let client: PostgresClient
    let logger: Logger
    private let closeSignal: AsyncStream<Void>
    private let closeContinuation: AsyncStream<Void>.Continuation

    /// A store for a `postgres://` or `postgresql://` URL (see `PostgresURL` for `sslmode`).
    public convenience init(url: String, logger: Logger = Logger(label: "switchyard.postgres")) throws {
        self.init(configuration: try PostgresURL(url).configuration, logger: logger)
    }

    public init(configuration: PostgresClient.Configuration, logger: Logger = Logger(label: "switchyard.postgres")) {
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        (closeSignal, closeContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// Runs the connection pool until `close()`, cancellation or graceful shutdown.
    /// Call it once; queries made before it starts wait for it.
    public func run() async {
        let closeSignal = self.closeSignal
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.client.run() }
            group.addTask {
                for await _ in closeSignal {}
            }
            // Whichever ends first (the pool on graceful shutdown, or the close signal) ends both.
            _ = await group.next()
            group.cancelAll()
        }
    }

    /// Ends `run()`, closing every pooled connection.
    public func close() async throws {
        closeContinuation.finish()
    }

    /// Runs `body` with a store whose pool runs around it, then closes the store: for the
    /// CLI's one-shot commands (create a key, list keys) that have no service group.
    ///
    /// Connects once before anything else, so a wrong URL or a stopped server fails at once
    /// with the reason (the pool alone retries for a minute before giving up). Then migrates,
    /// unless `migrate` is false, since every command needs the tables.
    public static func withStore<T>(
        url: String,
        logger: Logger = Logger(label: "switchyard.postgres"),
        migrate: Bool = true,
        _ body: (PostgresGovernanceStore) async throws -> T
    ) async throws -> T {
        let parsed = try PostgresURL(url)
        do {
            let probe = try await PostgresConnection.connect(configuration: try parsed.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw PostgresStoreError.wrap(error, operation: "connect to \(parsed)")
        }
        let store = PostgresGovernanceStore(configuration: parsed.configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await store.run() }
            do {
                if migrate { try await store.migrate() }
                let result = try await body(store)
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        }
    }

    // MARK: - Running statements

    /// Runs `body`, turning failures into `PostgresStoreError`; with `retryingConflicts`, a
    /// statement the server aborted for a deadlock or serialization failure runs again.
    ///
    /// Only single-statement batches retry: an aborted statement changed nothing, so running
    /// it again cannot count anything twice. Replicas updating the same rows in different
    /// orders can deadlock; the server then aborts one of them, and that one tries again.
    func perform<T>(_ operation: String, retryingConflicts: Bool = false, _ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch {
                let wrapped = PostgresStoreError.wrap(error, operation: operation)
                let conflict = wrapped.sqlState == "40P01" || wrapped.sqlState == "40001"
                guard retryingConflicts, conflict, attempt < 5 else { throw wrapped }
                logger.debug("retrying after a conflict", metadata: ["switchyard.operation": "\(operation)", "switchyard.attempt": "\(attempt)"])
                attempt += 1
            }
        }
    }

    /// Runs a statement and reads every row it answers.
    func rows<T>(_ query: PostgresQuery, _ decode: (PostgresRow) throws -> T) async throws -> [T] {
        var result: [T] = []
        for try await row in try await client.query(query, logger: logger) {
            result.append(try decode(row))
        }
        return result
    }

    /// Runs a statement, ignoring any rows it answers.
    func execute(_ query: PostgresQuery) async throws {
        for try await _ in try await client.query(query, logger: logger) {}
    }
}
