import SwitchyardCore
import Testing

/// Teams and users: round trips, and updates that leave spend alone.
@Suite struct TeamAndUserConformanceTests {
    @Test(arguments: StoreBackend.all)
    func teamsRoundTripAndUpdateWithoutSpend(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let team = Fixtures.team("t1", resetAt: 1_767_225_600)
            let bare = Team(teamID: "t2", createdAt: 1_760_000_001)
            try await store.insertTeam(team)
            try await store.insertTeam(bare)
            #expect(Set(try await store.allTeams()) == [team, bare])

            try await store.addSpend([SpendDelta(entity: .team("t1"), amount: 0.75)])
            var edited = team
            edited.teamAlias = nil
            edited.models = []
            edited.limits = BudgetLimits(tpmLimit: 5)
            edited.metadata = [:]
            edited.blocked = true
            edited.spend = 100
            try await store.updateTeam(edited)

            var expected = edited
            expected.spend = 0.75
            #expect(Set(try await store.allTeams()) == [expected, bare])
            await #expect(throws: (any Error).self) { try await store.insertTeam(team) }
        }
    }

    @Test(arguments: StoreBackend.all)
    func usersRoundTripAndUpdateWithoutSpend(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let user = Fixtures.user("u1", resetAt: 1_767_225_600)
            let bare = GatewayUser(userID: "u2", createdAt: 1_760_000_001)
            try await store.insertUser(user)
            try await store.insertUser(bare)
            #expect(Set(try await store.allUsers()) == [user, bare])

            try await store.addSpend([SpendDelta(entity: .user("u1"), amount: 1.5)])
            var edited = user
            edited.userEmail = "new@example.com"
            edited.userRole = "proxy_admin"
            edited.teamID = nil
            edited.limits = BudgetLimits(maxBudget: 1)
            edited.metadata = ["k": .bool(false)]
            edited.spend = -3
            try await store.updateUser(edited)

            var expected = edited
            expected.spend = 1.5
            #expect(Set(try await store.allUsers()) == [expected, bare])
            await #expect(throws: (any Error).self) { try await store.insertUser(user) }
        }
    }
}
