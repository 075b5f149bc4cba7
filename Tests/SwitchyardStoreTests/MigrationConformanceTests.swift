import SwitchyardCore
import Testing

/// `migrate()` is called on every start by every replica: again, and at the same time.
@Suite struct MigrationConformanceTests {
    @Test(arguments: StoreBackend.all)
    func migratingTwiceKeepsData(backend: StoreBackend) async throws {
        try await backend.withDatabase { makeStore in
            let store = try await makeStore()
            try await store.migrate()
            try await store.insertKey(Fixtures.key("k1"))
            try await store.migrate()
            #expect(try await store.allKeys().map(\.tokenHash) == ["k1"])
        }
    }

    @Test(arguments: StoreBackend.all)
    func replicasMigratingAtOnceBothSucceed(backend: StoreBackend) async throws {
        try await backend.withDatabase { makeStore in
            let first = try await makeStore()
            let second = try await makeStore()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await first.migrate() }
                group.addTask { try await second.migrate() }
                try await group.waitForAll()
            }
            try await first.insertKey(Fixtures.key("k1"))
            #expect(try await second.key(hash: "k1") != nil)
        }
    }
}
