import Foundation
import SwitchyardCore

/// The embedded store: one SQLite file (WAL), written from the gateway's background tasks.
public final class SQLiteGovernanceStore: GovernanceStore {
    let database: SQLiteDatabase

    /// Opens or creates the database file at `path` (`:memory:` for a private in-memory one).
    public init(path: String) throws {
        self.database = try SQLiteDatabase(path: path)
    }

    public func migrate() async throws {
        try await migrate(through: Self.migrations.count)
    }

    /// Applies the migrations up to `version` only: tests build the database an older
    /// release left behind, then migrate it.
    func migrate(through version: Int) async throws {
        try await database.run { connection in
            try connection.execute("CREATE TABLE IF NOT EXISTS switchyard_schema_version (version INTEGER NOT NULL)")
            try connection.transaction {
                let current = try connection.query("SELECT MAX(version) FROM switchyard_schema_version").first?.first?.int ?? 0
                for (index, migration) in Self.migrations.enumerated().prefix(version) where index + 1 > current {
                    try connection.execute(migration)
                    try connection.query("INSERT INTO switchyard_schema_version (version) VALUES (?)", [.integer(Int64(index + 1))])
                }
            }
        }
    }

    public func close() async throws {
        database.close()
    }

    // MARK: Keys

    static let keyColumns = """
        token_hash, key_name, key_alias, models, max_budget, budget_duration, budget_reset_at, rpm_limit, tpm_limit,
        max_parallel_requests, spend, expires_at, team_id, user_id, tags, metadata, blocked, created_at, updated_at,
        max_storage_bytes
        """

    public func insertKey(_ key: VirtualKey) async throws {
        try await database.run { connection in
            try connection.query(
                "INSERT INTO switchyard_keys (\(Self.keyColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Self.row(key)
            )
        }
    }

    public func updateKey(_ key: VirtualKey) async throws {
        try await database.run { connection in
            var values = Self.row(key)
            values.remove(at: 10)  // spend: changed only by addSpend and resets
            let hash = values.removeFirst()
            try connection.query(
                """
                UPDATE switchyard_keys SET key_name = ?, key_alias = ?, models = ?, max_budget = ?, budget_duration = ?,
                budget_reset_at = ?, rpm_limit = ?, tpm_limit = ?, max_parallel_requests = ?, expires_at = ?, team_id = ?,
                user_id = ?, tags = ?, metadata = ?, blocked = ?, created_at = ?, updated_at = ?, max_storage_bytes = ? WHERE token_hash = ?
                """,
                values + [hash]
            )
        }
    }

    public func replaceKey(oldHash: String, with newKey: VirtualKey) async throws {
        try await database.run { connection in
            try connection.transaction {
                let spend = try connection.query("SELECT spend FROM switchyard_keys WHERE token_hash = ?", [.text(oldHash)]).first?.first?.double ?? 0
                try connection.query("DELETE FROM switchyard_keys WHERE token_hash = ?", [.text(oldHash)])
                var key = newKey
                key.spend = spend
                try connection.query(
                    "INSERT INTO switchyard_keys (\(Self.keyColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Self.row(key)
                )
            }
        }
    }

    public func deleteKeys(hashes: [String]) async throws -> [String] {
        try await database.run { connection in
            try connection.transaction {
                var deleted: [String] = []
                for hash in hashes {
                    try connection.query("DELETE FROM switchyard_keys WHERE token_hash = ?", [.text(hash)])
                    if connection.changes > 0 { deleted.append(hash) }
                }
                return deleted
            }
        }
    }

    public func key(hash: String) async throws -> VirtualKey? {
        try await database.run { connection in
            try connection.query("SELECT \(Self.keyColumns) FROM switchyard_keys WHERE token_hash = ?", [.text(hash)]).first.map(Self.key)
        }
    }

    public func allKeys() async throws -> [VirtualKey] {
        try await database.run { connection in
            try connection.query("SELECT \(Self.keyColumns) FROM switchyard_keys ORDER BY created_at").map(Self.key)
        }
    }

    static func row(_ key: VirtualKey) -> [SQLiteValue] {
        [
            .text(key.tokenHash), .text(key.keyName), SQLiteValue(key.keyAlias), .text(StoreJSON.encode(key.models)),
            SQLiteValue(key.limits.maxBudget), SQLiteValue(key.limits.budgetDuration?.description), SQLiteValue(key.limits.budgetResetAt),
            SQLiteValue(key.limits.rpmLimit), SQLiteValue(key.limits.tpmLimit), SQLiteValue(key.limits.maxParallelRequests),
            .real(key.spend), SQLiteValue(key.expiresAt), SQLiteValue(key.teamID), SQLiteValue(key.userID),
            .text(StoreJSON.encode(key.tags)), .text(StoreJSON.encode(key.metadata)), SQLiteValue(key.blocked),
            .real(key.createdAt), .real(key.updatedAt), SQLiteValue(key.maxStorageBytes),
        ]
    }

    static func key(_ row: [SQLiteValue]) -> VirtualKey {
        VirtualKey(
            tokenHash: row[0].string ?? "",
            keyName: row[1].string ?? "",
            keyAlias: row[2].string,
            models: StoreJSON.strings(row[3].string),
            limits: limits(row, from: 4),
            spend: row[10].double ?? 0,
            expiresAt: row[11].double,
            teamID: row[12].string,
            userID: row[13].string,
            tags: StoreJSON.strings(row[14].string),
            metadata: StoreJSON.object(row[15].string),
            blocked: (row[16].int ?? 0) != 0,
            maxStorageBytes: row[19].int64,
            createdAt: row[17].double ?? 0,
            updatedAt: row[18].double ?? 0
        )
    }

    /// Six limit columns starting at `index`: max_budget … max_parallel_requests.
    static func limits(_ row: [SQLiteValue], from index: Int) -> BudgetLimits {
        BudgetLimits(
            maxBudget: row[index].double,
            budgetDuration: row[index + 1].string.flatMap(BudgetDuration.init),
            budgetResetAt: row[index + 2].double,
            rpmLimit: row[index + 3].int,
            tpmLimit: row[index + 4].int,
            maxParallelRequests: row[index + 5].int
        )
    }

    static func limitValues(_ limits: BudgetLimits) -> [SQLiteValue] {
        [
            SQLiteValue(limits.maxBudget), SQLiteValue(limits.budgetDuration?.description), SQLiteValue(limits.budgetResetAt),
            SQLiteValue(limits.rpmLimit), SQLiteValue(limits.tpmLimit), SQLiteValue(limits.maxParallelRequests),
        ]
    }
}
