import PostgresNIO
@testable import SwitchyardCore
@testable import SwitchyardPostgres
@testable import SwitchyardSQLite
import Testing

/// Each logged request keeps its list cost and billing multiplier beside the charged spend,
/// in databases made before those columns existed too.
@Suite struct CostTrailConformanceTests {
    @Test(arguments: StoreBackend.all)
    func theReportSumsListCostAndChargedSpendApart(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let noon = 1_741_521_600.0  // 2025-03-09T12:00:00Z
            try await store.insertSpendLogs([
                Fixtures.log("doubled", at: noon, model: "resold", spend: 1, listCost: 0.5, multiplier: 2),
                Fixtures.log("halved", at: noon + 1, model: "resold", spend: 0.25, listCost: 0.5, multiplier: 0.5),
                Fixtures.log("list", at: noon + 2, model: "plain", spend: 0.125),
            ])
            let doubled = try await store.spendLogs(SpendLogQuery(requestID: "doubled")).rows.first
            #expect(doubled?.listCost == 0.5 && doubled?.billingMultiplier == 2 && doubled?.spend == 1)
            let report = try await store.spendReport(from: noon - 60, to: noon + 60)
            #expect(Set(report) == [
                SpendReportRow(day: "2025-03-09", modelGroup: "resold", spend: 1.25, listCost: 1, requests: 2, promptTokens: 20, completionTokens: 10),
                SpendReportRow(day: "2025-03-09", modelGroup: "plain", spend: 0.125, listCost: 0.125, requests: 1, promptTokens: 10, completionTokens: 5),
            ])
        }
    }

    /// A row an older release logged was charged at list price: its list cost reads as its
    /// spend, its multiplier as 1, after the upgrade migrates the table.
    @Test(arguments: StoreBackend.all)
    func rowsLoggedBeforeTheUpgradeReadAsChargedAtListPrice(backend: StoreBackend) async throws {
        try await backend.withDatabase { makeStore in
            let store = try await makeStore()
            let insertOld = """
                INSERT INTO switchyard_spend_logs (request_id, call_type, model_group, spend, prompt_tokens, completion_tokens,
                    total_tokens, start_time, end_time, status)
                VALUES ('old', 'chat/completions', 'gpt-4o', 0.75, 1, 2, 3, 1741478400, 1741478401, 200)
                """
            switch store {
            case let sqlite as SQLiteGovernanceStore:
                try await sqlite.migrate(through: 2)
                try await sqlite.database.run { try $0.execute(insertOld) }
            case let postgres as PostgresGovernanceStore:
                try await postgres.migrate(through: 1)
                try await postgres.execute(PostgresQuery(unsafeSQL: insertOld))
            default:
                Issue.record("no older schema known for \(backend.name)")
            }
            try await store.migrate()
            try await store.insertSpendLogs([Fixtures.log("new", at: 1_741_478_402, spend: 1, listCost: 0.5, multiplier: 2)])
            let rows = try await store.spendLogs(SpendLogQuery()).rows
            #expect(rows.map(\.requestID) == ["new", "old"])
            #expect(rows.map(\.listCost) == [0.5, 0.75])
            #expect(rows.map(\.billingMultiplier) == [2, 1])
            #expect(try await store.spendReport(from: 0, to: 2e9).map(\.listCost) == [1.25])
        }
    }

    /// A media request keeps its units, and a request on an unpriced model says its cost is
    /// unknown rather than reading as free; rows from before the columns read as known.
    @Test(arguments: StoreBackend.all)
    func unitsAndUnknownCostsAreKept(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var images = Fixtures.log("images", at: 1_741_478_400, spend: 0.08, prompt: 0, completion: 0)
            images.callType = "images/generations"
            images.units = #"{"image_size":"1024x1024","images":2}"#
            var unpriced = Fixtures.log("unpriced", at: 1_741_478_401, spend: 0, prompt: 0, completion: 0)
            unpriced.costKnown = false
            unpriced.units = #"{"seconds":12.5}"#
            try await store.insertSpendLogs([images, unpriced, Fixtures.log("chat", at: 1_741_478_402)])
            let rows = try await store.spendLogs(SpendLogQuery()).rows
            #expect(rows.map(\.requestID) == ["chat", "unpriced", "images"])
            #expect(rows.map(\.costKnown) == [true, false, true])
            #expect(rows.map(\.units) == [nil, #"{"seconds":12.5}"#, #"{"image_size":"1024x1024","images":2}"#])
        }
    }
    /// The request log filters by status: a range of codes, alone or with a tag (which SQLite
    /// answers from the tag table joined to the log).
    @Test(arguments: StoreBackend.all)
    func spendLogsFilterByStatus(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var entries: [SpendLogEntry] = []
            for (index, status) in [200, 429, 404, 502, 200].enumerated() {
                var entry = Fixtures.log("r\(index)", at: 1_741_478_400 + Double(index), tags: index.isMultiple(of: 2) ? ["even"] : [])
                entry.status = status
                entries.append(entry)
            }
            try await store.insertSpendLogs(entries)
            func ids(_ query: SpendLogQuery) async throws -> [String] { try await store.spendLogs(query).rows.map(\.requestID) }
            #expect(try await ids(SpendLogQuery(statuses: 400...599)) == ["r3", "r2", "r1"])
            #expect(try await ids(SpendLogQuery(statuses: 200...200)) == ["r4", "r0"])
            #expect(try await store.spendLogs(SpendLogQuery(statuses: 500...599)).total == 1)
            #expect(try await ids(SpendLogQuery(tag: "even", statuses: 400...499)) == ["r2"])
        }
    }
}
