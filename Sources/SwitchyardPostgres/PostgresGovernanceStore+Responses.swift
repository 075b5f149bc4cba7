import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    /// Every response column, in the order `decodeResponse` reads them.
    private static let responseColumns = "id, owner_key_hash, team_id, previous_response_id, model, created_at, input_items, response"

    public func insertResponse(_ response: StoredResponse) async throws {
        try await perform("insertResponse") {
            try await execute("""
                INSERT INTO switchyard_responses (
                    id, owner_key_hash, team_id, previous_response_id, model, created_at, input_items, response
                ) VALUES (
                    \(response.id), \(response.ownerKeyHash), \(response.teamID), \(response.previousResponseID),
                    \(response.model), \(response.createdAt), \(response.inputItems), \(response.response)
                )
                ON CONFLICT (id) DO UPDATE SET
                    owner_key_hash = EXCLUDED.owner_key_hash, team_id = EXCLUDED.team_id,
                    previous_response_id = EXCLUDED.previous_response_id, model = EXCLUDED.model,
                    created_at = EXCLUDED.created_at, input_items = EXCLUDED.input_items, response = EXCLUDED.response
                """)
        }
    }

    public func response(id: String) async throws -> StoredResponse? {
        try await perform("response") {
            try await rows(
                "SELECT \(unescaped: Self.responseColumns) FROM switchyard_responses WHERE id = \(id)",
                Self.decodeResponse
            ).first
        }
    }

    /// Walks from `id` towards the oldest turn carrying only ids, then reads the rows found;
    /// `path` holds the ids passed, so a loop ends instead of spinning until `limit`.
    public func conversation(endingAt id: String, limit: Int) async throws -> [StoredResponse] {
        guard limit > 0 else { return [] }
        return try await perform("conversation") {
            try await rows("""
                WITH RECURSIVE chain (turn_id, previous, depth, path) AS (
                    SELECT id, previous_response_id, 1, ARRAY[id]
                    FROM switchyard_responses WHERE id = \(id)
                    UNION ALL
                    SELECT turn.id, turn.previous_response_id, chain.depth + 1, chain.path || turn.id
                    FROM chain JOIN switchyard_responses AS turn ON turn.id = chain.previous
                    WHERE chain.depth < \(limit) AND turn.id <> ALL (chain.path)
                )
                SELECT \(unescaped: Self.responseColumns)
                FROM chain JOIN switchyard_responses ON id = turn_id
                ORDER BY depth DESC
                """, Self.decodeResponse)
        }
    }

    public func deleteResponse(id: String) async throws -> Bool {
        try await perform("deleteResponse") {
            try await !rows("DELETE FROM switchyard_responses WHERE id = \(id) RETURNING 1") { _ in () }.isEmpty
        }
    }

    public func pruneResponses(createdBefore time: Double) async throws -> Int {
        try await perform("pruneResponses") {
            try await rows("""
                WITH pruned AS (DELETE FROM switchyard_responses WHERE created_at < \(time) RETURNING 1)
                SELECT COUNT(*) FROM pruned
                """) { try $0.decode(Int.self) }.first ?? 0
        }
    }

    private static func decodeResponse(_ row: PostgresRow) throws -> StoredResponse {
        var reader = RowReader(row)
        return StoredResponse(
            id: try reader.next(),
            ownerKeyHash: try reader.next(),
            teamID: try reader.next(),
            previousResponseID: try reader.next(),
            model: try reader.next(),
            createdAt: try reader.next(),
            inputItems: try reader.next(),
            response: try reader.next()
        )
    }
}
