import PostgresNIO
@testable import SwitchyardPostgres
@testable import SwitchyardSQLite
import SwitchyardCore
import Testing

/// Rows written as an older release wrote them, for upgrade tests: only columns every schema
/// version has, so today's statements (which name newer columns) are not needed on an old schema.
enum LegacyRows {
    /// Migrates a fresh store only up to `sqlite` (SQLite) or `postgres` (PostgreSQL).
    static func migrate(_ store: any GovernanceStore, sqlite: Int, postgres: Int, backend: StoreBackend) async throws {
        switch store {
        case let store as SQLiteGovernanceStore: try await store.migrate(through: sqlite)
        case let store as PostgresGovernanceStore: try await store.migrate(through: postgres)
        default: Issue.record("no older schema known for \(backend.name)")
        }
    }

    /// A key and a team with their first columns only.
    static func insertKeyAndTeam(key hash: String, team: String, into store: any GovernanceStore) async throws {
        let key = "INSERT INTO switchyard_keys (token_hash, key_name, team_id, created_at, updated_at) VALUES ('\(hash)', 'sk-...\(hash)', '\(team)', 1760000000, 1760000000)"
        let team = "INSERT INTO switchyard_teams (team_id, created_at) VALUES ('\(team)', 1760000000)"
        switch store {
        case let store as SQLiteGovernanceStore:
            try await store.database.run { connection in
                try connection.execute(key)
                try connection.execute(team)
            }
        case let store as PostgresGovernanceStore:
            try await store.execute(PostgresQuery(unsafeSQL: key))
            try await store.execute(PostgresQuery(unsafeSQL: team))
        default:
            Issue.record("no legacy rows for \(type(of: store))")
        }
    }
}
