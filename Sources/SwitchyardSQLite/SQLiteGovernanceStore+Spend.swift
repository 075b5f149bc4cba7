import SwitchyardCore

extension SQLiteGovernanceStore {
    public func addSpend(_ deltas: [SpendDelta]) async throws {
        guard !deltas.isEmpty else { return }
        try await database.run { connection in
            try connection.transaction {
                for delta in deltas {
                    let (table, column) = Self.table(for: delta.entity)
                    try connection.query("UPDATE \(table) SET spend = spend + ? WHERE \(column) = ?", [.real(delta.amount), .text(delta.entity.id)])
                }
            }
        }
    }

    public func raiseBudget(of entity: GovernedEntity, by amount: Double) async throws -> BudgetBalance? {
        let (table, column) = Self.table(for: entity)
        return try await database.run { connection in
            try connection.query(
                "UPDATE \(table) SET max_budget = COALESCE(max_budget, 0) + ? WHERE \(column) = ? RETURNING max_budget, spend",
                [.real(amount), .text(entity.id)]
            ).first.map { BudgetBalance(maxBudget: $0[0].double ?? amount, spend: $0[1].double ?? 0) }
        }
    }

    public func resetBudgets(_ resets: [BudgetReset]) async throws {
        guard !resets.isEmpty else { return }
        try await database.run { connection in
            try connection.transaction {
                for reset in resets {
                    let (table, column) = Self.table(for: reset.entity)
                    try connection.query(
                        "UPDATE \(table) SET spend = 0, budget_reset_at = ? WHERE \(column) = ? AND budget_reset_at IS ?",
                        [.real(reset.nextResetAt), .text(reset.entity.id), SQLiteValue(reset.previousResetAt)]
                    )
                }
            }
        }
    }

    public func addUsage(_ windows: [UsageWindow]) async throws {
        guard !windows.isEmpty else { return }
        try await database.run { connection in
            try connection.transaction {
                try connection.executeMany(
                    """
                    INSERT INTO switchyard_usage_windows (entity_kind, entity_id, minute, requests, tokens) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (entity_kind, entity_id, minute)
                    DO UPDATE SET requests = requests + excluded.requests, tokens = tokens + excluded.tokens
                    """,
                    windows.map { [.text($0.entity.kind), .text($0.entity.id), .integer(Int64($0.minute)), .integer(Int64($0.requests)), .integer(Int64($0.tokens))] }
                )
            }
        }
    }

    public func usage(since minute: Int) async throws -> [UsageWindow] {
        try await database.run { connection in
            try connection.query(
                "SELECT entity_kind, entity_id, minute, requests, tokens FROM switchyard_usage_windows WHERE minute >= ?",
                [.integer(Int64(minute))]
            ).compactMap { row in
                guard let kind = row[0].string, let id = row[1].string, let entity = GovernedEntity(kind: kind, id: id) else { return nil }
                return UsageWindow(entity: entity, minute: row[2].int ?? 0, requests: row[3].int ?? 0, tokens: row[4].int ?? 0)
            }
        }
    }

    static func table(for entity: GovernedEntity) -> (table: String, column: String) {
        switch entity {
        case .key: ("switchyard_keys", "token_hash")
        case .team: ("switchyard_teams", "team_id")
        case .user: ("switchyard_users", "user_id")
        }
    }
}
