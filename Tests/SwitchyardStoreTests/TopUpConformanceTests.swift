import SwitchyardCore
import Testing

/// A top-up adds to `max_budget` in one statement: none counts as 0, unknown entities are
/// nil, and top-ups sent from two replicas at once all land.
@Suite struct TopUpConformanceTests {
    @Test(arguments: StoreBackend.all)
    func aTopUpAddsToTheBudgetAndAnswersItWithTheSpend(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(Fixtures.key("k1", spend: 1.5))
            try await store.insertKey(Fixtures.bareKey("bare"))
            try await store.insertTeam(Fixtures.team("t1"))
            try await store.insertUser(Fixtures.user("u1"))

            #expect(try await store.raiseBudget(of: .key("k1"), by: 10) == BudgetBalance(maxBudget: 35.5, spend: 1.5))
            #expect(try await store.raiseBudget(of: .key("bare"), by: 0.25) == BudgetBalance(maxBudget: 0.25, spend: 0))
            #expect(try await store.raiseBudget(of: .team("t1"), by: 0.5)?.maxBudget == 26)
            #expect(try await store.raiseBudget(of: .user("u1"), by: 4.5)?.maxBudget == 30)
            #expect(try await store.key(hash: "k1")?.limits.maxBudget == 35.5)
            #expect(try await store.allTeams().first?.limits.maxBudget == 26)
            #expect(try await store.key(hash: "k1")?.limits.rpmLimit == 60, "the other limits are left alone")

            #expect(try await store.raiseBudget(of: .key("absent"), by: 1) == nil)
            #expect(try await store.raiseBudget(of: .team("absent"), by: 1) == nil)
            #expect(try await store.raiseBudget(of: .user("absent"), by: 1) == nil)
        }
    }

    /// Amounts are binary fractions so the sums compare exactly in any order.
    @Test(arguments: StoreBackend.all)
    func concurrentTopUpsFromTwoReplicasLoseNothing(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            try await first.insertKey(Fixtures.bareKey("k1"))
            try await first.insertTeam(Fixtures.team("t1"))
            let answers = try await withThrowingTaskGroup(of: [Double].self) { group in
                for round in 0..<20 {
                    let store = round.isMultiple(of: 2) ? first : second
                    group.addTask {
                        let key = try await store.raiseBudget(of: .key("k1"), by: 0.25)
                        let team = try await store.raiseBudget(of: .team("t1"), by: 0.5)
                        return [key?.maxBudget ?? -1, team?.maxBudget ?? -1]
                    }
                }
                return try await group.reduce(into: [[Double]]()) { $0.append($1) }
            }
            #expect(try await second.key(hash: "k1")?.limits.maxBudget == 5)
            #expect(try await first.allTeams().first?.limits.maxBudget == 35.5)
            // Each top-up answered the total it made: every step from one to twenty, once.
            #expect(answers.map { $0[0] }.sorted() == (1...20).map { Double($0) * 0.25 })
            #expect(answers.map { $0[1] }.sorted() == (1...20).map { 25.5 + Double($0) * 0.5 })
        }
    }
}
