import Foundation
import SwitchyardCore
import SwitchyardSQLite
import Testing

/// A `GovernanceStore` implementation the conformance suites run against.
///
/// Adding a backend is one entry in `all`: a name, and a function that gives its body a
/// factory of stores on one fresh, empty database (each call a new instance, as a separate
/// replica would open it) and removes that database afterwards. Stores come unmigrated;
/// the suites call `migrate()` themselves. For SQLite, for example:
///
///     StoreBackend(name: "SQLite") { body in
///         let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID()).sqlite").path
///         defer { try? FileManager.default.removeItem(atPath: path) }
///         try await body { try SQLiteGovernanceStore(path: path) }
///     }
struct StoreBackend: Sendable, CustomTestStringConvertible {
    typealias Factory = () async throws -> any GovernanceStore

    let name: String
    let withDatabase: @Sendable (_ body: (Factory) async throws -> Void) async throws -> Void

    var testDescription: String { name }

    /// Every backend the conformance suites cover.
    static let all: [StoreBackend] = [.sqlite, .postgres]

    static let sqlite = StoreBackend(name: "SQLite") { body in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID()).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try await body { try SQLiteGovernanceStore(path: path) }
    }

    static let postgres = StoreBackend(name: "PostgreSQL") { body in
        try await TestPostgres.withDatabase { url in
            let replicas = PostgresReplicas(url: url)
            do {
                try await body { try replicas.make() }
            } catch {
                await replicas.closeAll()
                throw error
            }
            await replicas.closeAll()
        }
    }

    /// Runs `body` with one migrated store on a fresh database.
    func withStore(_ body: (any GovernanceStore) async throws -> Void) async throws {
        try await withDatabase { makeStore in
            let store = try await makeStore()
            try await store.migrate()
            try await body(store)
        }
    }

    /// Runs `body` with two migrated stores on one fresh database: two replicas.
    func withReplicas(_ body: (any GovernanceStore, any GovernanceStore) async throws -> Void) async throws {
        try await withDatabase { makeStore in
            let first = try await makeStore()
            let second = try await makeStore()
            try await first.migrate()
            try await second.migrate()
            try await body(first, second)
        }
    }
}
