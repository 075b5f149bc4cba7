import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    public func insertTeam(_ team: Team) async throws {
        let metadata = try MetadataJSON.encode(team.metadata)
        let limits = team.limits
        try await perform("insertTeam") {
            try await execute("""
                INSERT INTO switchyard_teams (
                    team_id, team_alias, models, max_budget, budget_duration, budget_reset_at,
                    rpm_limit, tpm_limit, max_parallel_requests, spend, metadata, blocked, created_at, max_storage_bytes
                ) VALUES (
                    \(team.teamID), \(team.teamAlias), \(team.models), \(limits.maxBudget),
                    \(limits.budgetDuration?.description), \(limits.budgetResetAt), \(limits.rpmLimit),
                    \(limits.tpmLimit), \(limits.maxParallelRequests), \(team.spend), \(metadata)::JSONB,
                    \(team.blocked), \(team.createdAt), \(team.maxStorageBytes)
                )
                """)
        }
    }

    /// Writes every field but `spend`, as `updateKey` does.
    public func updateTeam(_ team: Team) async throws {
        let metadata = try MetadataJSON.encode(team.metadata)
        let limits = team.limits
        try await perform("updateTeam") {
            try await execute("""
                UPDATE switchyard_teams SET
                    team_alias = \(team.teamAlias), models = \(team.models), max_budget = \(limits.maxBudget),
                    budget_duration = \(limits.budgetDuration?.description), budget_reset_at = \(limits.budgetResetAt),
                    rpm_limit = \(limits.rpmLimit), tpm_limit = \(limits.tpmLimit),
                    max_parallel_requests = \(limits.maxParallelRequests), metadata = \(metadata)::JSONB,
                    blocked = \(team.blocked), created_at = \(team.createdAt), max_storage_bytes = \(team.maxStorageBytes)
                WHERE team_id = \(team.teamID)
                """)
        }
    }

    public func allTeams() async throws -> [Team] {
        try await perform("allTeams") {
            try await rows("""
                SELECT team_id, team_alias, models, max_budget, budget_duration, budget_reset_at,
                       rpm_limit, tpm_limit, max_parallel_requests, spend, metadata::TEXT, blocked, created_at,
                       max_storage_bytes
                FROM switchyard_teams ORDER BY created_at, team_id
                """) { row in
                var reader = RowReader(row)
                let teamID: String = try reader.next()
                let teamAlias: String? = try reader.next()
                let models: [String] = try reader.next()
                let limits = try BudgetLimits.read(from: &reader)
                let spend: Double = try reader.next()
                let metadata = MetadataJSON.decode(try reader.next())
                let blocked: Bool = try reader.next()
                let createdAt: Double = try reader.next()
                return Team(
                    teamID: teamID, teamAlias: teamAlias, models: models, limits: limits, spend: spend, metadata: metadata,
                    blocked: blocked, maxStorageBytes: try reader.next(), createdAt: createdAt
                )
            }
        }
    }

    public func deleteTeams(ids: [String]) async throws -> DeletedOwners {
        try await deleteOwners(ids: ids, table: "switchyard_teams", column: "team_id")
    }

    public func deleteUsers(ids: [String]) async throws -> DeletedOwners {
        try await deleteOwners(ids: ids, table: "switchyard_users", column: "user_id")
    }

    /// Deletes the rows of `table` whose `column` is one of `ids`, and the keys whose same
    /// column names them, in one statement.
    private func deleteOwners(ids: [String], table: String, column: String) async throws -> DeletedOwners {
        guard !ids.isEmpty else { return DeletedOwners(ids: [], keyHashes: []) }
        let query: PostgresQuery = """
            WITH owners AS (DELETE FROM \(unescaped: table) WHERE \(unescaped: column) = ANY(\(ids)) RETURNING \(unescaped: column) AS id),
                 keys AS (DELETE FROM switchyard_keys WHERE \(unescaped: column) IN (SELECT id FROM owners) RETURNING token_hash)
            SELECT 'owner', id FROM owners UNION ALL SELECT 'key', token_hash FROM keys
            """
        let rows: [(kind: String, id: String)] = try await perform("delete \(table)") {
            try await self.rows(query) { row in
                let (kind, id) = try row.decode((String, String).self)
                return (kind: kind, id: id)
            }
        }
        return DeletedOwners(ids: rows.filter { $0.kind == "owner" }.map(\.id), keyHashes: rows.filter { $0.kind == "key" }.map(\.id))
    }
}
