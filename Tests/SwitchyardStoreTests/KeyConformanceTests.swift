import SwitchyardCore
import Testing

/// Virtual keys: every field survives, spend moves only through `addSpend` and resets.
@Suite struct KeyConformanceTests {
    @Test(arguments: StoreBackend.all)
    func everyFieldRoundTrips(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let full = Fixtures.key("hash-full", spend: 1.25)
            let bare = Fixtures.bareKey("hash-bare", createdAt: 1_760_000_100)
            try await store.insertKey(full)
            try await store.insertKey(bare)

            #expect(try await store.key(hash: "hash-full") == full)
            #expect(try await store.key(hash: "hash-bare") == bare)
            #expect(try await store.key(hash: "missing") == nil)
            let all = try await store.allKeys()
            #expect(Set(all) == [full, bare])
        }
    }

    @Test(arguments: StoreBackend.all)
    func insertingAnExistingHashFails(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(Fixtures.key("dup"))
            await #expect(throws: (any Error).self) {
                try await store.insertKey(Fixtures.bareKey("dup"))
            }
            #expect(try await store.key(hash: "dup") == Fixtures.key("dup"))
        }
    }

    @Test(arguments: StoreBackend.all)
    func updateKeyChangesEverythingButSpend(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(Fixtures.key("k1", spend: 1.5))
            try await store.addSpend([SpendDelta(entity: .key("k1"), amount: 2)])

            var edited = Fixtures.bareKey("k1", createdAt: 1_760_000_000)
            edited.keyAlias = "renamed"
            edited.models = ["only-this"]
            edited.limits = BudgetLimits(maxBudget: 3, budgetDuration: BudgetDuration("1h"), rpmLimit: 1)
            edited.blocked = true
            edited.metadata = ["v": .number(2)]
            edited.spend = 999
            edited.updatedAt = 1_770_000_000
            try await store.updateKey(edited)

            var expected = edited
            expected.spend = 3.5
            #expect(try await store.key(hash: "k1") == expected)
        }
    }

    @Test(arguments: StoreBackend.all)
    func replaceKeyMovesTheRowAndKeepsSpend(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(Fixtures.key("old", spend: 4))
            try await store.insertKey(Fixtures.key("other"))

            var regenerated = Fixtures.key("new", spend: 0)
            regenerated.keyName = "sk-...new1"
            regenerated.updatedAt = 1_770_000_000
            try await store.replaceKey(oldHash: "old", with: regenerated)

            #expect(try await store.key(hash: "old") == nil)
            var expected = regenerated
            expected.spend = 4
            #expect(try await store.key(hash: "new") == expected)
            #expect(Set(try await store.allKeys().map(\.tokenHash)) == ["new", "other"])
        }
    }

    @Test(arguments: StoreBackend.all)
    func deleteKeysAnswersOnlyTheHashesThatExisted(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for hash in ["a", "b", "c"] { try await store.insertKey(Fixtures.bareKey(hash)) }

            let deleted = try await store.deleteKeys(hashes: ["a", "missing", "c"])
            #expect(Set(deleted) == ["a", "c"])
            #expect(deleted.count == 2)
            #expect(try await store.allKeys().map(\.tokenHash) == ["b"])
            #expect(try await store.deleteKeys(hashes: ["a"]).isEmpty)
            #expect(try await store.deleteKeys(hashes: []).isEmpty)
        }
    }
}
