import SwitchyardCore

extension SQLiteGovernanceStore {
    /// Every response column, in the order `storedResponse` reads them.
    static let responseColumns = "id, owner_key_hash, team_id, previous_response_id, model, created_at, input_items, response"

    public func insertResponse(_ response: StoredResponse) async throws {
        try await database.run { connection in
            try connection.query(
                """
                INSERT INTO switchyard_responses (\(Self.responseColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    owner_key_hash = excluded.owner_key_hash, team_id = excluded.team_id,
                    previous_response_id = excluded.previous_response_id, model = excluded.model,
                    created_at = excluded.created_at, input_items = excluded.input_items, response = excluded.response
                """,
                [
                    .text(response.id), .text(response.ownerKeyHash), SQLiteValue(response.teamID),
                    SQLiteValue(response.previousResponseID), .text(response.model), .real(response.createdAt),
                    .text(response.inputItems), .text(response.response),
                ]
            )
        }
    }

    public func response(id: String) async throws -> StoredResponse? {
        try await database.run { connection in
            try connection.query("SELECT \(Self.responseColumns) FROM switchyard_responses WHERE id = ?", [.text(id)])
                .first.map(Self.storedResponse)
        }
    }

    /// Walks from `id` towards the oldest turn carrying only ids, then reads the rows found.
    ///
    /// `path` lists the ids passed, each as `,HEX,`: hex digits never hold the separator, so
    /// `instr` finds an id only where it really was, and a loop ends instead of spinning
    /// until `limit`.
    public func conversation(endingAt id: String, limit: Int) async throws -> [StoredResponse] {
        guard limit > 0 else { return [] }
        return try await database.run { connection in
            try connection.query(
                """
                WITH RECURSIVE chain (turn_id, previous, depth, path) AS (
                    SELECT id, previous_response_id, 1, ',' || hex(id) || ','
                    FROM switchyard_responses WHERE id = ?
                    UNION ALL
                    SELECT turn.id, turn.previous_response_id, chain.depth + 1, chain.path || hex(turn.id) || ','
                    FROM chain JOIN switchyard_responses AS turn ON turn.id = chain.previous
                    WHERE chain.depth < ? AND instr(chain.path, ',' || hex(turn.id) || ',') = 0
                )
                SELECT \(Self.responseColumns)
                FROM chain JOIN switchyard_responses ON id = turn_id
                ORDER BY chain.depth DESC
                """,
                [.text(id), .integer(Int64(limit))]
            ).map(Self.storedResponse)
        }
    }

    public func deleteResponse(id: String) async throws -> Bool {
        try await database.run { connection in
            try connection.query("DELETE FROM switchyard_responses WHERE id = ?", [.text(id)])
            return connection.changes > 0
        }
    }

    public func pruneResponses(createdBefore time: Double) async throws -> Int {
        try await database.run { connection in
            try connection.query("DELETE FROM switchyard_responses WHERE created_at < ?", [.real(time)])
            return connection.changes
        }
    }

    static func storedResponse(_ row: [SQLiteValue]) -> StoredResponse {
        StoredResponse(
            id: row[0].string ?? "", ownerKeyHash: row[1].string ?? "", teamID: row[2].string,
            previousResponseID: row[3].string, model: row[4].string ?? "", createdAt: row[5].double ?? 0,
            inputItems: row[6].string ?? "", response: row[7].string ?? ""
        )
    }
}
