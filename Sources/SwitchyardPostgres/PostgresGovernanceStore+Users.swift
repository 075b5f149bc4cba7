import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    public func insertUser(_ user: GatewayUser) async throws {
        let metadata = try MetadataJSON.encode(user.metadata)
        let limits = user.limits
        try await perform("insertUser") {
            try await execute("""
                INSERT INTO switchyard_users (
                    user_id, user_email, user_role, team_id, models, max_budget, budget_duration,
                    budget_reset_at, rpm_limit, tpm_limit, max_parallel_requests, spend, metadata, created_at
                ) VALUES (
                    \(user.userID), \(user.userEmail), \(user.userRole), \(user.teamID), \(user.models),
                    \(limits.maxBudget), \(limits.budgetDuration?.description), \(limits.budgetResetAt),
                    \(limits.rpmLimit), \(limits.tpmLimit), \(limits.maxParallelRequests), \(user.spend),
                    \(metadata)::JSONB, \(user.createdAt)
                )
                """)
        }
    }

    /// Writes every field but `spend`, as `updateKey` does.
    public func updateUser(_ user: GatewayUser) async throws {
        let metadata = try MetadataJSON.encode(user.metadata)
        let limits = user.limits
        try await perform("updateUser") {
            try await execute("""
                UPDATE switchyard_users SET
                    user_email = \(user.userEmail), user_role = \(user.userRole), team_id = \(user.teamID),
                    models = \(user.models), max_budget = \(limits.maxBudget),
                    budget_duration = \(limits.budgetDuration?.description), budget_reset_at = \(limits.budgetResetAt),
                    rpm_limit = \(limits.rpmLimit), tpm_limit = \(limits.tpmLimit),
                    max_parallel_requests = \(limits.maxParallelRequests), metadata = \(metadata)::JSONB,
                    created_at = \(user.createdAt)
                WHERE user_id = \(user.userID)
                """)
        }
    }

    public func allUsers() async throws -> [GatewayUser] {
        try await perform("allUsers") {
            try await rows("""
                SELECT user_id, user_email, user_role, team_id, models, max_budget, budget_duration,
                       budget_reset_at, rpm_limit, tpm_limit, max_parallel_requests, spend, metadata::TEXT, created_at
                FROM switchyard_users ORDER BY created_at, user_id
                """) { row in
                var reader = RowReader(row)
                return GatewayUser(
                    userID: try reader.next(),
                    userEmail: try reader.next(),
                    userRole: try reader.next(),
                    teamID: try reader.next(),
                    models: try reader.next(),
                    limits: try BudgetLimits.read(from: &reader),
                    spend: try reader.next(),
                    metadata: MetadataJSON.decode(try reader.next()),
                    createdAt: try reader.next()
                )
            }
        }
    }
}
