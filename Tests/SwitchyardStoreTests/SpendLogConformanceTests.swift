import SwitchyardCore
import Testing

/// The spend log: `/spend/logs` filters and pages, the day × model report, pruning.
@Suite struct SpendLogConformanceTests {
    /// 36 entries over keys, users, teams, model groups and tags, one second apart (distinct
    /// start times, so newest-first order has no ties), inserted oldest last.
    static let dataset: [SpendLogEntry] = (0..<36).reversed().map(entry)

    private static func entry(_ index: Int) -> SpendLogEntry {
        let keys: [String?] = ["kA", "kB", nil]
        let users: [String?] = ["uA", nil, "uB", "uA"]
        let tags: [[String]] = [[], ["prod"], ["prod", "batch"], ["eval \"x\""]]
        return Fixtures.log(
            "req-\(index)",
            at: 1_741_478_400 + Double(index),
            key: keys[index % 3],
            user: users[index % 4],
            team: index % 5 == 0 ? nil : "t\(index % 2)",
            model: index % 2 == 0 ? "gpt-4o" : "claude",
            spend: Double(index) / 8,
            tags: tags[index % 4]
        )
    }

    /// What the store must answer, computed here.
    static func expected(_ query: SpendLogQuery) -> (rows: [SpendLogEntry], total: Int) {
        let matching = dataset.filter { entry in
            (query.keyHash.map { entry.keyHash == $0 } ?? true)
                && (query.userID.map { entry.userID == $0 } ?? true)
                && (query.teamID.map { entry.teamID == $0 } ?? true)
                && (query.modelGroup.map { entry.modelGroup == $0 } ?? true)
                && (query.tag.map { entry.tags.contains($0) } ?? true)
                && (query.requestID.map { entry.requestID == $0 } ?? true)
                && (query.startTime.map { entry.startTime >= $0 } ?? true)
                && (query.endTime.map { entry.startTime < $0 } ?? true)
        }.sorted { $0.startTime > $1.startTime }
        return (Array(matching.dropFirst(query.offset).prefix(query.limit)), matching.count)
    }

    static let queries: [SpendLogQuery] = [
        SpendLogQuery(),
        SpendLogQuery(keyHash: "kA"),
        SpendLogQuery(userID: "uA"),
        SpendLogQuery(teamID: "t1"),
        SpendLogQuery(modelGroup: "claude"),
        SpendLogQuery(tag: "prod"),
        SpendLogQuery(tag: "eval \"x\""),
        SpendLogQuery(tag: "absent"),
        SpendLogQuery(requestID: "req-7"),
        SpendLogQuery(startTime: 1_741_478_410),
        SpendLogQuery(endTime: 1_741_478_410),
        SpendLogQuery(startTime: 1_741_478_405, endTime: 1_741_478_420),
        SpendLogQuery(keyHash: "kB", userID: "uA", modelGroup: "gpt-4o"),
        SpendLogQuery(teamID: "t0", tag: "batch", startTime: 1_741_478_402),
        SpendLogQuery(keyHash: "kA", limit: 3),
        SpendLogQuery(tag: "prod", offset: 4, limit: 5),
    ]

    @Test(arguments: StoreBackend.all)
    func everyFieldRoundTrips(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let full = Fixtures.log("full", at: 1_741_478_400.25, key: "k", user: "u", team: "t", listCost: 0.2, multiplier: 2.5,
                                    tags: ["a,b", "{c}", "quote\"", "back\\slash", "", "NULL", "ü 🚀"])
            let bare = SpendLogEntry(requestID: "bare", callType: "messages", modelGroup: "claude",
                                     startTime: 1_741_478_401, endTime: 1_741_478_402, status: 429)
            try await store.insertSpendLogs([full, bare])
            #expect(try await store.spendLogs(SpendLogQuery(requestID: "full")).rows == [full])
            #expect(try await store.spendLogs(SpendLogQuery(requestID: "bare")).rows == [bare])
            try await store.insertSpendLogs([])
        }
    }

    private static func bulkEntry(_ index: Int) -> SpendLogEntry {
        let tags: [String] = index % 9 == 0 ? ["t\(index)"] : []
        let key: String? = index % 2 == 0 ? "k" : nil
        return Fixtures.log("bulk-\(index)", at: 1_741_478_400 + Double(index), key: key, user: "u\(index % 3)", spend: Double(index) / 4, tags: tags)
    }

    @Test(arguments: StoreBackend.all)
    func largeBatchesKeepEveryRowOnceWithItsFields(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            // More untagged rows than one multi-row statement holds, tagged rows between them,
            // and ids repeated within the batch and from an earlier batch: each id once.
            let rows = (0..<100).map(Self.bulkEntry)
            try await store.insertSpendLogs(Array(rows.prefix(10)))
            try await store.insertSpendLogs(rows + Array(rows[40..<45]))
            let all = try await store.spendLogs(SpendLogQuery(limit: 1000))
            #expect(all.total == 100)
            #expect(all.rows == rows.reversed())
            #expect(try await store.spendLogs(SpendLogQuery(tag: "t27")).rows == [rows[27]])
        }
    }

    @Test(arguments: StoreBackend.all)
    func everyFilterMatchesAndCountsAll(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertSpendLogs(Self.dataset)
            for query in Self.queries {
                let answer = try await store.spendLogs(query)
                let expected = Self.expected(query)
                #expect(answer.total == expected.total, "total for \(query)")
                #expect(answer.rows.map(\.requestID) == expected.rows.map(\.requestID), "rows for \(query)")
            }
            #expect(try await store.spendLogs(SpendLogQuery()).rows == Self.expected(SpendLogQuery()).rows)
        }
    }

    @Test(arguments: StoreBackend.all)
    func pagesAreNewestFirstWithoutGapsOrRepeats(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            // Two writes, the newer rows first, so insertion order is not the answer.
            try await store.insertSpendLogs(Array(Self.dataset.prefix(18)))
            try await store.insertSpendLogs(Array(Self.dataset.dropFirst(18)))
            var seen: [String] = []
            for offset in stride(from: 0, to: 40, by: 7) {
                let page = try await store.spendLogs(SpendLogQuery(offset: offset, limit: 7))
                #expect(page.total == 36)
                seen += page.rows.map(\.requestID)
            }
            #expect(seen == (0..<36).reversed().map { "req-\($0)" })

            let past = try await store.spendLogs(SpendLogQuery(offset: 36, limit: 10))
            #expect(past.rows.isEmpty)
            #expect(past.total == 36)
        }
    }

    @Test(arguments: StoreBackend.all)
    func aRequestWrittenTwiceIsStoredOnce(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let entry = Fixtures.log("req-1", at: 1_741_478_400, key: "k")
            try await store.insertSpendLogs([entry])
            try await store.insertSpendLogs([entry, Fixtures.log("req-2", at: 1_741_478_401)])
            #expect(try await store.spendLogs(SpendLogQuery()).total == 2)
        }
    }

    @Test(arguments: StoreBackend.all)
    func reportGroupsByUTCDayAndModelGroup(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let midnight = 1_741_478_400.0  // 2025-03-09T00:00:00Z
            try await store.insertSpendLogs([
                Fixtures.log("before-range", at: midnight - 86_400, spend: 100),
                Fixtures.log("a", at: midnight - 1, model: "gpt-4o", spend: 1, prompt: 1, completion: 2),
                Fixtures.log("b", at: midnight - 0.5, model: "gpt-4o", spend: 0.5, prompt: 10, completion: 20),
                Fixtures.log("c", at: midnight, model: "gpt-4o", spend: 2, prompt: 100, completion: 200),
                Fixtures.log("d", at: midnight + 86_399.5, model: "claude", spend: 0.25, prompt: 3, completion: 4),
                Fixtures.log("e", at: midnight + 86_400, model: "claude", spend: 0.125, prompt: 5, completion: 6),
                Fixtures.log("at-end", at: midnight + 2 * 86_400, spend: 100),
            ])
            let report = try await store.spendReport(from: midnight - 3_600, to: midnight + 2 * 86_400)
            let expected: Set<SpendReportRow> = [
                SpendReportRow(day: "2025-03-08", modelGroup: "gpt-4o", spend: 1.5, requests: 2, promptTokens: 11, completionTokens: 22),
                SpendReportRow(day: "2025-03-09", modelGroup: "gpt-4o", spend: 2, requests: 1, promptTokens: 100, completionTokens: 200),
                SpendReportRow(day: "2025-03-09", modelGroup: "claude", spend: 0.25, requests: 1, promptTokens: 3, completionTokens: 4),
                SpendReportRow(day: "2025-03-10", modelGroup: "claude", spend: 0.125, requests: 1, promptTokens: 5, completionTokens: 6),
            ]
            #expect(Set(report) == expected)
            #expect(report.count == expected.count)
            #expect(try await store.spendReport(from: 0, to: 1).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all)
    func pruneRemovesOldLogsAndWindowsAndCountsBoth(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertSpendLogs([
                Fixtures.log("old-1", at: 1_000),
                Fixtures.log("old-2", at: 1_999.5),
                Fixtures.log("kept", at: 2_000),
            ])
            try await store.addUsage([60, 120, 180].map { UsageWindow(entity: .team("t"), minute: $0, requests: 1, tokens: 1) })

            #expect(try await store.prune(logsBefore: 2_000, windowsBefore: 180) == 4)
            #expect(try await store.spendLogs(SpendLogQuery()).rows.map(\.requestID) == ["kept"])
            #expect(try await store.usage(since: 0).map(\.minute) == [180])
            #expect(try await store.prune(logsBefore: 2_000, windowsBefore: 180) == 0)
        }
    }
}
