import SwitchyardCore

extension SQLiteGovernanceStore {
    static let teamColumns = """
        team_id, team_alias, models, max_budget, budget_duration, budget_reset_at, rpm_limit, tpm_limit,
        max_parallel_requests, spend, metadata, blocked, created_at, max_storage_bytes
        """
    static let userColumns = """
        user_id, user_email, user_role, team_id, models, max_budget, budget_duration, budget_reset_at, rpm_limit,
        tpm_limit, max_parallel_requests, spend, metadata, created_at
        """

    public func insertTeam(_ team: Team) async throws {
        try await database.run { connection in
            try connection.query("INSERT INTO switchyard_teams (\(Self.teamColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Self.row(team))
        }
    }

    public func updateTeam(_ team: Team) async throws {
        try await database.run { connection in
            var values = Self.row(team)
            values.remove(at: 9)
            let id = values.removeFirst()
            try connection.query(
                """
                UPDATE switchyard_teams SET team_alias = ?, models = ?, max_budget = ?, budget_duration = ?, budget_reset_at = ?,
                rpm_limit = ?, tpm_limit = ?, max_parallel_requests = ?, metadata = ?, blocked = ?, created_at = ?, max_storage_bytes = ?
                WHERE team_id = ?
                """,
                values + [id]
            )
        }
    }

    public func allTeams() async throws -> [Team] {
        try await database.run { connection in
            try connection.query("SELECT \(Self.teamColumns) FROM switchyard_teams ORDER BY created_at").map { row in
                Team(
                    teamID: row[0].string ?? "",
                    teamAlias: row[1].string,
                    models: StoreJSON.strings(row[2].string),
                    limits: Self.limits(row, from: 3),
                    spend: row[9].double ?? 0,
                    metadata: StoreJSON.object(row[10].string),
                    blocked: (row[11].int ?? 0) != 0,
                    maxStorageBytes: row[13].int64,
                    createdAt: row[12].double ?? 0
                )
            }
        }
    }

    public func insertUser(_ user: GatewayUser) async throws {
        try await database.run { connection in
            try connection.query("INSERT INTO switchyard_users (\(Self.userColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Self.row(user))
        }
    }

    public func updateUser(_ user: GatewayUser) async throws {
        try await database.run { connection in
            var values = Self.row(user)
            values.remove(at: 11)
            let id = values.removeFirst()
            try connection.query(
                """
                UPDATE switchyard_users SET user_email = ?, user_role = ?, team_id = ?, models = ?, max_budget = ?, budget_duration = ?,
                budget_reset_at = ?, rpm_limit = ?, tpm_limit = ?, max_parallel_requests = ?, metadata = ?, created_at = ? WHERE user_id = ?
                """,
                values + [id]
            )
        }
    }

    public func allUsers() async throws -> [GatewayUser] {
        try await database.run { connection in
            try connection.query("SELECT \(Self.userColumns) FROM switchyard_users ORDER BY created_at").map { row in
                GatewayUser(
                    userID: row[0].string ?? "",
                    userEmail: row[1].string,
                    userRole: row[2].string,
                    teamID: row[3].string,
                    models: StoreJSON.strings(row[4].string),
                    limits: Self.limits(row, from: 5),
                    spend: row[11].double ?? 0,
                    metadata: StoreJSON.object(row[12].string),
                    createdAt: row[13].double ?? 0
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
    /// column names them.
    private func deleteOwners(ids: [String], table: String, column: String) async throws -> DeletedOwners {
        try await database.run { connection in
            try connection.transaction {
                var deleted = DeletedOwners(ids: [], keyHashes: [])
                for id in ids {
                    try connection.query("DELETE FROM \(table) WHERE \(column) = ?", [.text(id)])
                    guard connection.changes > 0 else { continue }
                    deleted.ids.append(id)
                    let keys = try connection.query("SELECT token_hash FROM switchyard_keys WHERE \(column) = ?", [.text(id)])
                    deleted.keyHashes += keys.compactMap { $0[0].string }
                    try connection.query("DELETE FROM switchyard_keys WHERE \(column) = ?", [.text(id)])
                }
                return deleted
            }
        }
    }

    static func row(_ team: Team) -> [SQLiteValue] {
        [.text(team.teamID), SQLiteValue(team.teamAlias), .text(StoreJSON.encode(team.models))] + limitValues(team.limits)
            + [
                .real(team.spend), .text(StoreJSON.encode(team.metadata)), SQLiteValue(team.blocked), .real(team.createdAt),
                SQLiteValue(team.maxStorageBytes),
            ]
    }

    static func row(_ user: GatewayUser) -> [SQLiteValue] {
        [.text(user.userID), SQLiteValue(user.userEmail), SQLiteValue(user.userRole), SQLiteValue(user.teamID), .text(StoreJSON.encode(user.models))]
            + limitValues(user.limits) + [.real(user.spend), .text(StoreJSON.encode(user.metadata)), .real(user.createdAt)]
    }
}
