import Foundation
@testable import SwitchyardSQLite
import SwitchyardCore
import Testing

/// The request log's queries stay on indexes in SQLite, whatever the filter, so a deep page
/// or a filtered count over a million rows answers in milliseconds, not a table scan
/// (bench/spend_logs.py measures it).
@Suite struct SQLiteSpendLogPlanTests {
    static let queries: [SpendLogQuery] = [
        SpendLogQuery(offset: 500_000),
        SpendLogQuery(keyHash: "k", offset: 4_000),
        SpendLogQuery(userID: "u"),
        SpendLogQuery(teamID: "t"),
        SpendLogQuery(modelGroup: "claude", offset: 100_000),
        SpendLogQuery(tag: "prod", offset: 50_000),
        SpendLogQuery(tag: "prod", startTime: 1, endTime: 2),
        SpendLogQuery(startTime: 1, endTime: 2),
        SpendLogQuery(modelGroup: "claude", startTime: 1, endTime: 2),
        SpendLogQuery(keyHash: "k", tag: "prod"),
        SpendLogQuery(requestID: "r"),
    ]

    @Test(arguments: queries)
    func countsAndPagesAreFoundOnAnIndexAlone(query: SpendLogQuery) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-plan-\(UUID()).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try SQLiteGovernanceStore(path: path)
        try await store.migrate()
        let statements = SpendLogStatements(query, columns: SQLiteGovernanceStore.logSelection)
        for (sql, values) in [(statements.count, statements.countValues), (statements.ids, statements.pageValues)] {
            let plan = try await store.database.run { connection in
                try connection.query("EXPLAIN QUERY PLAN " + sql, values).compactMap { $0.last?.string }
            }
            for step in plan {
                #expect(!step.hasPrefix("SCAN") || step.contains("COVERING INDEX"), "\(sql): \(step)")
                #expect(!step.contains("TEMP B-TREE"), "\(sql): \(step)")
            }
        }
        try await store.close()
    }
}
