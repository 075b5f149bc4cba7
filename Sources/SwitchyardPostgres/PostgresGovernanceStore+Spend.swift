import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    /// One statement whose three `UPDATE`s run in the statement's single transaction: a sync's
    /// spend lands on keys, teams and users together or not at all.
    ///
    /// Deltas for the same entity are summed first: an `UPDATE … FROM` whose source matches a
    /// row twice changes it only once.
    public func addSpend(_ deltas: [SpendDelta]) async throws {
        guard !deltas.isEmpty else { return }
        let kinds = deltas.map(\.entity.kind)
        let ids = deltas.map(\.entity.id)
        let amounts = deltas.map(\.amount)
        try await perform("addSpend", retryingConflicts: true) {
            try await execute("""
                WITH delta AS (
                    SELECT kind, id, SUM(amount) AS amount
                    FROM unnest(\(kinds)::TEXT[], \(ids)::TEXT[], \(amounts)::FLOAT8[]) AS d(kind, id, amount)
                    GROUP BY kind, id
                ), keys AS (
                    UPDATE switchyard_keys AS t SET spend = t.spend + delta.amount
                    FROM delta WHERE delta.kind = 'key' AND t.token_hash = delta.id
                ), teams AS (
                    UPDATE switchyard_teams AS t SET spend = t.spend + delta.amount
                    FROM delta WHERE delta.kind = 'team' AND t.team_id = delta.id
                ), users AS (
                    UPDATE switchyard_users AS t SET spend = t.spend + delta.amount
                    FROM delta WHERE delta.kind = 'user' AND t.user_id = delta.id
                )
                SELECT 1
                """)
        }
    }

    /// One `UPDATE`: the row lock it takes orders concurrent top-ups, so each adds to the
    /// total the one before it left, whichever replica sent it.
    public func raiseBudget(of entity: GovernedEntity, by amount: Double) async throws -> BudgetBalance? {
        let (table, column) = Self.table(for: entity)
        var binds = PostgresBindings()
        binds.append(amount)
        binds.append(entity.id)
        let update = PostgresQuery(
            unsafeSQL: "UPDATE \(table) SET max_budget = COALESCE(max_budget, 0) + $1 WHERE \(column) = $2 RETURNING max_budget, spend",
            binds: binds
        )
        return try await perform("raiseBudget") {
            try await rows(update) { row in
                var reader = RowReader(row)
                return BudgetBalance(maxBudget: try reader.next(), spend: try reader.next())
            }.first
        }
    }

    /// The table and key column of an entity's rows; fixed names, never input.
    static func table(for entity: GovernedEntity) -> (table: String, column: String) {
        switch entity {
        case .key: ("switchyard_keys", "token_hash")
        case .team: ("switchyard_teams", "team_id")
        case .user: ("switchyard_users", "user_id")
        }
    }

    /// Zeroes spend and moves the reset time on, for each entity whose stored reset time is
    /// still `previousResetAt` (NULL matching nil): when two replicas both see a period end,
    /// the second finds the time already moved and leaves the fresh period's spend alone.
    public func resetBudgets(_ resets: [BudgetReset]) async throws {
        guard !resets.isEmpty else { return }
        let kinds = resets.map(\.entity.kind)
        let ids = resets.map(\.entity.id)
        let previous = NullableArrayBind(resets.map(\.previousResetAt))
        let next = resets.map(\.nextResetAt)
        try await perform("resetBudgets", retryingConflicts: true) {
            try await execute("""
                WITH reset AS (
                    SELECT DISTINCT ON (kind, id) kind, id, previous, next
                    FROM unnest(\(kinds)::TEXT[], \(ids)::TEXT[], \(previous)::FLOAT8[], \(next)::FLOAT8[])
                        AS r(kind, id, previous, next)
                    ORDER BY kind, id
                ), keys AS (
                    UPDATE switchyard_keys AS t SET spend = 0, budget_reset_at = reset.next
                    FROM reset WHERE reset.kind = 'key' AND t.token_hash = reset.id
                        AND t.budget_reset_at IS NOT DISTINCT FROM reset.previous
                ), teams AS (
                    UPDATE switchyard_teams AS t SET spend = 0, budget_reset_at = reset.next
                    FROM reset WHERE reset.kind = 'team' AND t.team_id = reset.id
                        AND t.budget_reset_at IS NOT DISTINCT FROM reset.previous
                ), users AS (
                    UPDATE switchyard_users AS t SET spend = 0, budget_reset_at = reset.next
                    FROM reset WHERE reset.kind = 'user' AND t.user_id = reset.id
                        AND t.budget_reset_at IS NOT DISTINCT FROM reset.previous
                )
                SELECT 1
                """)
        }
    }
}
