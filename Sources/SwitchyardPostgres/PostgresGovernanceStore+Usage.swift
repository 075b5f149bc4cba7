import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    /// Adds to the shared per-minute rows with one upsert; every replica adds to the same row,
    /// so the row holds the cluster's total.
    ///
    /// Windows are summed per row first (an upsert may not touch a row twice) and written in
    /// key order, so two replicas' upserts lock shared rows in the same order.
    public func addUsage(_ windows: [UsageWindow]) async throws {
        guard !windows.isEmpty else { return }
        let kinds = windows.map(\.entity.kind)
        let ids = windows.map(\.entity.id)
        let minutes = windows.map(\.minute)
        let requests = windows.map(\.requests)
        let tokens = windows.map(\.tokens)
        try await perform("addUsage", retryingConflicts: true) {
            try await execute("""
                INSERT INTO switchyard_usage_windows AS w (entity_kind, entity_id, minute, requests, tokens)
                SELECT kind, id, minute, SUM(requests), SUM(tokens)
                FROM unnest(\(kinds)::TEXT[], \(ids)::TEXT[], \(minutes)::INT8[], \(requests)::INT8[], \(tokens)::INT8[])
                    AS u(kind, id, minute, requests, tokens)
                GROUP BY kind, id, minute
                ORDER BY kind, id, minute
                ON CONFLICT (entity_kind, entity_id, minute) DO UPDATE SET
                    requests = w.requests + EXCLUDED.requests,
                    tokens = w.tokens + EXCLUDED.tokens
                """)
        }
    }

    /// Every entity's stored totals from `minute` on; rows of an unknown kind are skipped.
    public func usage(since minute: Int) async throws -> [UsageWindow] {
        try await perform("usage") {
            try await rows("""
                SELECT entity_kind, entity_id, minute, requests, tokens
                FROM switchyard_usage_windows WHERE minute >= \(minute)
                ORDER BY minute, entity_kind, entity_id
                """) { row -> UsageWindow? in
                var reader = RowReader(row)
                guard let entity = GovernedEntity(kind: try reader.next(), id: try reader.next()) else { return nil }
                return UsageWindow(entity: entity, minute: try reader.next(), requests: try reader.next(), tokens: try reader.next())
            }.compactMap { $0 }
        }
    }
}
