import SwitchyardCore
import Testing

/// Spend from several replicas adds up; a budget period ends once, however many replicas see it.
@Suite struct SpendConformanceTests {
    /// Amounts are binary fractions so sums compare exactly in any order.
    @Test(arguments: StoreBackend.all)
    func addSpendAccumulatesFromTwoReplicas(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            try await first.insertKey(Fixtures.key("k1", spend: 1))
            try await first.insertTeam(Fixtures.team("t1"))
            try await first.insertUser(Fixtures.user("u1"))

            try await first.addSpend([
                SpendDelta(entity: .key("k1"), amount: 0.5),
                SpendDelta(entity: .team("t1"), amount: 2),
                SpendDelta(entity: .key("k1"), amount: 0.25),
                SpendDelta(entity: .user("u1"), amount: 0.125),
                SpendDelta(entity: .key("no-such-key"), amount: 9),
            ])
            try await second.addSpend([
                SpendDelta(entity: .key("k1"), amount: 1),
                SpendDelta(entity: .user("u1"), amount: 0.125),
            ])

            #expect(try await second.key(hash: "k1")?.spend == 2.75)
            #expect(try await second.allTeams().first?.spend == 2)
            #expect(try await first.allUsers().first?.spend == 0.25)
            try await first.addSpend([])
        }
    }

    @Test(arguments: StoreBackend.all)
    func concurrentAddSpendLosesNothing(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            try await first.insertKey(Fixtures.key("k1"))
            try await first.insertKey(Fixtures.key("k2"))
            try await first.insertTeam(Fixtures.team("t1"))
            let batch = [
                SpendDelta(entity: .key("k1"), amount: 0.25),
                SpendDelta(entity: .key("k2"), amount: 0.5),
                SpendDelta(entity: .team("t1"), amount: 0.75),
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<20 {
                    let store = round.isMultiple(of: 2) ? first : second
                    // Alternate the order too, the pattern that deadlocks without a retry.
                    let deltas = round.isMultiple(of: 3) ? batch.reversed() : batch
                    group.addTask { try await store.addSpend(deltas) }
                }
                try await group.waitForAll()
            }
            let keys = Dictionary(uniqueKeysWithValues: try await first.allKeys().map { ($0.tokenHash, $0.spend) })
            #expect(keys == ["k1": 5, "k2": 10])
            #expect(try await second.allTeams().first?.spend == 15)
        }
    }

    @Test(arguments: StoreBackend.all)
    func resetAppliesOnlyWhileThePreviousResetTimeMatches(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            var key = Fixtures.key("k1", spend: 5)
            key.limits.budgetResetAt = 1_000
            try await first.insertKey(key)
            try await first.insertTeam(Fixtures.team("t1", resetAt: nil))
            try await first.insertUser(Fixtures.user("u1", resetAt: 1_000))
            try await first.addSpend([
                SpendDelta(entity: .team("t1"), amount: 3),
                SpendDelta(entity: .user("u1"), amount: 2),
            ])

            // Both replicas saw the same periods end; the first to write wins.
            let resets = [
                BudgetReset(entity: .key("k1"), previousResetAt: 1_000, nextResetAt: 2_000),
                BudgetReset(entity: .team("t1"), previousResetAt: nil, nextResetAt: 2_000),
                BudgetReset(entity: .user("u1"), previousResetAt: 999, nextResetAt: 2_000),
            ]
            try await first.resetBudgets(resets)
            #expect(try await first.key(hash: "k1")?.spend == 0)
            #expect(try await first.key(hash: "k1")?.limits.budgetResetAt == 2_000)
            #expect(try await first.allTeams().first?.spend == 0)
            #expect(try await first.allTeams().first?.limits.budgetResetAt == 2_000)
            // The user's stored reset time (1000) never matched 999: untouched.
            #expect(try await first.allUsers().first?.spend == 2)
            #expect(try await first.allUsers().first?.limits.budgetResetAt == 1_000)

            try await first.addSpend([
                SpendDelta(entity: .key("k1"), amount: 1),
                SpendDelta(entity: .team("t1"), amount: 1),
            ])
            try await second.resetBudgets(resets)
            #expect(try await second.key(hash: "k1")?.spend == 1)
            #expect(try await second.key(hash: "k1")?.limits.budgetResetAt == 2_000)
            #expect(try await second.allTeams().first?.spend == 1)
            #expect(try await second.allTeams().first?.limits.budgetResetAt == 2_000)

            try await second.resetBudgets([BudgetReset(entity: .user("u1"), previousResetAt: 1_000, nextResetAt: 3_000)])
            #expect(try await first.allUsers().first?.spend == 0)
            #expect(try await first.allUsers().first?.limits.budgetResetAt == 3_000)
            try await first.resetBudgets([])
        }
    }
}
