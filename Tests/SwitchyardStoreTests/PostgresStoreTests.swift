import Foundation
import ServiceLifecycle
import SwitchyardCore
import SwitchyardPostgres
import Testing

/// What only the PostgreSQL store has: its lifecycle, its errors, its batch speed.
@Suite struct PostgresStoreTests {
    @Test func oneShotCommandsMigrateRunAndClose() async throws {
        try await TestPostgres.withDatabase { url in
            try await PostgresGovernanceStore.withStore(url: url, logger: TestPostgres.quietLogger) { store in
                try await store.insertKey(Fixtures.key("cli-key"))
            }
            let hashes = try await PostgresGovernanceStore.withStore(url: url, logger: TestPostgres.quietLogger) { store in
                try await store.allKeys().map(\.tokenHash)
            }
            #expect(hashes == ["cli-key"])
        }
    }

    /// A one-shot command against a stopped server says so at once, not after the pool's
    /// minute of retries.
    @Test func oneShotCommandsFailFastWhenTheServerIsDown() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: PostgresStoreError.self) {
            try await PostgresGovernanceStore.withStore(url: "postgres://postgres:secret@127.0.0.1:1/none", logger: TestPostgres.quietLogger) { store in
                try await store.allKeys()
            }
        }
        #expect(clock.now - start < .seconds(10))
        #expect(error?.description.contains("127.0.0.1:1") == true)
        #expect(error?.description.contains("secret") == false)
    }

    /// The gateway runs the store in its `ServiceGroup`: queries work while the group runs,
    /// and a graceful shutdown ends the store's `run()`.
    @Test func runsAsAServiceUntilGracefulShutdown() async throws {
        try await TestPostgres.withDatabase { url in
            let store = try PostgresGovernanceStore(url: url, logger: TestPostgres.quietLogger)
            let group = ServiceGroup(services: [store], gracefulShutdownSignals: [], logger: TestPostgres.quietLogger)
            let running = Task { try await group.run() }
            try await store.migrate()
            try await store.insertTeam(Fixtures.team("t1"))
            #expect(try await store.allTeams().map(\.teamID) == ["t1"])
            await group.triggerGracefulShutdown()
            try await running.value
        }
    }

    @Test func closeEndsRun() async throws {
        let store = try PostgresGovernanceStore(url: "postgres://postgres@127.0.0.1:1/none", logger: TestPostgres.quietLogger)
        let running = Task { await store.run() }
        try await store.close()
        await running.value
    }

    @Test func serverErrorsSayWhatFailed() async throws {
        try await StoreBackend.postgres.withStore { store in
            try await store.insertKey(Fixtures.key("dup"))
            do {
                try await store.insertKey(Fixtures.key("dup"))
                Issue.record("a second insert of one hash succeeded")
            } catch let error as PostgresStoreError {
                #expect(error.sqlState == "23505")
                #expect(error.description.contains("insertKey"))
                #expect(error.description.contains("duplicate key"))
            }
        }
    }

    /// The gateway writes the spend log in batches of thousands, in one statement.
    ///
    /// The time is printed. A release build takes about 0.2 s here, most of it the server
    /// updating indexes. A debug build spends 1–2 s more in unoptimized NIO encoding the
    /// binds, and more again on a loaded machine, so its bound only catches a hang.
    @Test func tenThousandSpendLogsInsertQuickly() async throws {
        try await StoreBackend.postgres.withStore { store in
            let entries = (0..<10_000).map { index in
                Fixtures.log(
                    "bulk-\(index)",
                    at: 1_741_478_400 + Double(index) / 10,
                    key: "k\(index % 50)",
                    user: index % 3 == 0 ? nil : "u\(index % 20)",
                    team: "t\(index % 5)",
                    model: ["gpt-4o", "claude", "gemini"][index % 3],
                    spend: 0.001,
                    tags: index % 2 == 0 ? ["prod", "batch"] : []
                )
            }
            // migrate() left a connection open in the pool, so this times the insert alone.
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                try await store.insertSpendLogs(entries)
            }
            print("inserting \(entries.count) spend logs took \(elapsed)")
            #if DEBUG
            #expect(elapsed < .seconds(30))
            #else
            #expect(elapsed < .seconds(1))
            #endif
            #expect(try await store.spendLogs(SpendLogQuery(limit: 1)).total == 10_000)
            #expect(try await store.spendLogs(SpendLogQuery(keyHash: "k8", tag: "prod", limit: 1)).total == 200)
        }
    }
}
