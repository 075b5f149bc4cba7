import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    /// Every key column, in the order `decodeKey` reads them.
    private static let keyColumns = """
        token_hash, key_name, key_alias, models, max_budget, budget_duration, budget_reset_at,
        rpm_limit, tpm_limit, max_parallel_requests, spend, expires_at, team_id, user_id, tags,
        metadata::TEXT, blocked, created_at, updated_at, max_storage_bytes
        """

    public func insertKey(_ key: VirtualKey) async throws {
        let metadata = try MetadataJSON.encode(key.metadata)
        let limits = key.limits
        try await perform("insertKey") {
            try await execute("""
                INSERT INTO switchyard_keys (
                    token_hash, key_name, key_alias, models, max_budget, budget_duration, budget_reset_at,
                    rpm_limit, tpm_limit, max_parallel_requests, spend, expires_at, team_id, user_id, tags,
                    metadata, blocked, created_at, updated_at, max_storage_bytes
                ) VALUES (
                    \(key.tokenHash), \(key.keyName), \(key.keyAlias), \(key.models), \(limits.maxBudget),
                    \(limits.budgetDuration?.description), \(limits.budgetResetAt), \(limits.rpmLimit),
                    \(limits.tpmLimit), \(limits.maxParallelRequests), \(key.spend), \(key.expiresAt),
                    \(key.teamID), \(key.userID), \(key.tags), \(metadata)::JSONB, \(key.blocked),
                    \(key.createdAt), \(key.updatedAt), \(key.maxStorageBytes)
                )
                """)
        }
    }

    public func updateKey(_ key: VirtualKey) async throws {
        try await writeKey(key, at: key.tokenHash, operation: "updateKey")
    }

    public func replaceKey(oldHash: String, with newKey: VirtualKey) async throws {
        try await writeKey(newKey, at: oldHash, operation: "replaceKey")
    }

    public func deleteKeys(hashes: [String]) async throws -> [String] {
        guard !hashes.isEmpty else { return [] }
        return try await perform("deleteKeys") {
            try await rows("DELETE FROM switchyard_keys WHERE token_hash = ANY(\(hashes)) RETURNING token_hash") { row in
                try row.decode(String.self)
            }
        }
    }

    public func key(hash: String) async throws -> VirtualKey? {
        try await perform("key") {
            try await rows("SELECT \(unescaped: Self.keyColumns) FROM switchyard_keys WHERE token_hash = \(hash)", Self.decodeKey).first
        }
    }

    public func allKeys() async throws -> [VirtualKey] {
        try await perform("allKeys") {
            try await rows("SELECT \(unescaped: Self.keyColumns) FROM switchyard_keys ORDER BY created_at, token_hash", Self.decodeKey)
        }
    }

    /// Writes every field but `spend` to the row at `hash`, moving it to `key.tokenHash`
    /// when they differ: spend changes only through `addSpend` and resets, whoever edits the key.
    private func writeKey(_ key: VirtualKey, at hash: String, operation: String) async throws {
        let metadata = try MetadataJSON.encode(key.metadata)
        let limits = key.limits
        try await perform(operation) {
            try await execute("""
                UPDATE switchyard_keys SET
                    token_hash = \(key.tokenHash), key_name = \(key.keyName), key_alias = \(key.keyAlias),
                    models = \(key.models), max_budget = \(limits.maxBudget),
                    budget_duration = \(limits.budgetDuration?.description), budget_reset_at = \(limits.budgetResetAt),
                    rpm_limit = \(limits.rpmLimit), tpm_limit = \(limits.tpmLimit),
                    max_parallel_requests = \(limits.maxParallelRequests), expires_at = \(key.expiresAt),
                    team_id = \(key.teamID), user_id = \(key.userID), tags = \(key.tags),
                    metadata = \(metadata)::JSONB, blocked = \(key.blocked), created_at = \(key.createdAt),
                    updated_at = \(key.updatedAt), max_storage_bytes = \(key.maxStorageBytes)
                WHERE token_hash = \(hash)
                """)
        }
    }

    private static func decodeKey(_ row: PostgresRow) throws -> VirtualKey {
        var reader = RowReader(row)
        let tokenHash = try reader.next(String.self)
        let keyName = try reader.next(String.self)
        let keyAlias = try reader.next(String?.self)
        let models = try reader.next([String].self)
        let limits = try BudgetLimits.read(from: &reader)
        let spend = try reader.next(Double.self)
        let expiresAt = try reader.next(Double?.self)
        let teamID = try reader.next(String?.self)
        let userID = try reader.next(String?.self)
        let tags = try reader.next([String].self)
        let metadata = MetadataJSON.decode(try reader.next(String.self))
        let blocked = try reader.next(Bool.self)
        let createdAt = try reader.next(Double.self)
        let updatedAt = try reader.next(Double.self)
        let maxStorageBytes = try reader.next(Int64?.self)
        return VirtualKey(
            tokenHash: tokenHash, keyName: keyName, keyAlias: keyAlias, models: models, limits: limits,
            spend: spend, expiresAt: expiresAt, teamID: teamID, userID: userID, tags: tags,
            metadata: metadata, blocked: blocked, maxStorageBytes: maxStorageBytes, createdAt: createdAt, updatedAt: updatedAt
        )
    }
}
