import Foundation
import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    /// Brings the schema to `PostgresSchema.latestVersion`.
    ///
    /// Runs in one transaction holding an advisory lock, so replicas starting together take
    /// turns: the first creates the tables, the others find the version already recorded.
    /// Without the lock two `CREATE TABLE IF NOT EXISTS` can still collide in the catalog.
    public func migrate() async throws {
        try await migrate(through: PostgresSchema.latestVersion)
    }

    /// Applies the migrations up to `version` only: tests build the database an older
    /// release left behind, then migrate it.
    func migrate(through version: Int) async throws {
        let logger = self.logger
        try await perform("migrate") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: PostgresSchema.versionTable), logger: logger)
                var current = 0
                for try await version in try await connection.query(
                    "SELECT COALESCE(MAX(version), 0)::BIGINT FROM switchyard_schema_version", logger: logger
                ).decode(Int.self) {
                    current = version
                }
                for migration in PostgresSchema.migrations where migration.version > current && migration.version <= version {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    let now = Date().timeIntervalSince1970
                    try await connection.query(
                        "INSERT INTO switchyard_schema_version (version, applied_at) VALUES (\(migration.version), \(now))",
                        logger: logger
                    )
                    logger.info("migrated the governance schema", metadata: ["switchyard.schema_version": "\(migration.version)"])
                }
            }
        }
    }
}
