import SwitchyardCore
import Testing

/// Deleting teams and users takes their keys with them; spend totals group the log by key,
/// team or model group.
@Suite struct OwnerDeletionAndTotalsConformanceTests {
    @Test(arguments: StoreBackend.all)
    func deletingATeamDeletesItsKeysAndNothingElse(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertTeam(Fixtures.team("t1", resetAt: nil))
            try await store.insertTeam(Team(teamID: "t2", createdAt: 1_760_000_001))
            var inTeam = Fixtures.bareKey("in-t1")
            inTeam.teamID = "t1"
            var other = Fixtures.bareKey("in-t2")
            other.teamID = "t2"
            try await store.insertKey(inTeam)
            try await store.insertKey(other)
            try await store.insertKey(Fixtures.bareKey("loose"))

            let deleted = try await store.deleteTeams(ids: ["t1", "missing"])
            #expect(deleted == DeletedOwners(ids: ["t1"], keyHashes: ["in-t1"]))
            #expect(try await store.allTeams().map(\.teamID) == ["t2"])
            #expect(Set(try await store.allKeys().map(\.tokenHash)) == ["in-t2", "loose"])
            #expect(try await store.deleteTeams(ids: ["t1"]) == DeletedOwners(ids: [], keyHashes: []))
            #expect(try await store.deleteTeams(ids: []) == DeletedOwners(ids: [], keyHashes: []))
        }
    }

    @Test(arguments: StoreBackend.all)
    func deletingAUserDeletesTheirKeys(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertUser(Fixtures.user("u1", resetAt: nil))
            try await store.insertUser(GatewayUser(userID: "u2", createdAt: 1_760_000_001))
            for (hash, user) in [("a", "u1"), ("b", "u1"), ("c", "u2")] {
                var key = Fixtures.bareKey(hash)
                key.userID = user
                try await store.insertKey(key)
            }
            let deleted = try await store.deleteUsers(ids: ["u1"])
            #expect(deleted.ids == ["u1"] && Set(deleted.keyHashes) == ["a", "b"])
            #expect(try await store.allUsers().map(\.userID) == ["u2"])
            #expect(try await store.allKeys().map(\.tokenHash) == ["c"])
        }
    }

    @Test(arguments: StoreBackend.all)
    func spendTotalsGroupTheLogWithinThePeriod(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertSpendLogs([
                Fixtures.log("early", at: 999, key: "k1", team: "t", spend: 100),
                Fixtures.log("a", at: 1_000, key: "k1", team: "t", model: "gpt-4o", spend: 1, listCost: 0.5, prompt: 1, completion: 2),
                Fixtures.log("b", at: 1_500, key: "k1", team: "t", model: "claude", spend: 2, prompt: 10, completion: 20),
                Fixtures.log("c", at: 1_700, key: "k2", model: "claude", spend: 0.25, prompt: 100, completion: 200),
                Fixtures.log("d", at: 1_800, model: "gpt-4o", spend: 0.5, prompt: 3, completion: 4),
                Fixtures.log("late", at: 2_000, key: "k2", spend: 100),
            ])
            let byKey = try await store.spendTotals(from: 1_000, to: 2_000, by: .key)
            #expect(byKey == [
                SpendTotalsRow(group: "k1", label: "alias-k1", requests: 2, spend: 3, listCost: 2.5, promptTokens: 11, completionTokens: 22),
                SpendTotalsRow(group: nil, requests: 1, spend: 0.5, listCost: 0.5, promptTokens: 3, completionTokens: 4),
                SpendTotalsRow(group: "k2", label: "alias-k2", requests: 1, spend: 0.25, listCost: 0.25, promptTokens: 100, completionTokens: 200),
            ])
            let byTeam = try await store.spendTotals(from: 1_000, to: 2_000, by: .team)
            #expect(byTeam.map(\.group) == ["t", nil] && byTeam.map(\.requests) == [2, 2] && byTeam.allSatisfy { $0.label == nil })
            let byModel = try await store.spendTotals(from: 1_000, to: 2_000, by: .model)
            #expect(byModel.map(\.group) == ["claude", "gpt-4o"] && byModel.map(\.spend) == [2.25, 1.5])
            #expect(try await store.spendTotals(from: 0, to: 999, by: .model).isEmpty)
        }
    }
}
