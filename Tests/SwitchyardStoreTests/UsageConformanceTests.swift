import SwitchyardCore
import Testing

/// Per-minute request and token counts shared by every replica, so rate limits hold across them.
@Suite struct UsageConformanceTests {
    @Test(arguments: StoreBackend.all)
    func addUsageSumsAcrossReplicas(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            try await first.addUsage([
                UsageWindow(entity: .key("k1"), minute: 60, requests: 1, tokens: 10),
                UsageWindow(entity: .key("k1"), minute: 60, requests: 2, tokens: 5),
                UsageWindow(entity: .team("t1"), minute: 60, requests: 1, tokens: 7),
            ])
            try await second.addUsage([
                UsageWindow(entity: .key("k1"), minute: 60, requests: 1, tokens: 1),
                UsageWindow(entity: .user("u1"), minute: 120, requests: 4, tokens: 40),
            ])
            try await second.addUsage([])

            let expected: Set<UsageWindow> = [
                UsageWindow(entity: .key("k1"), minute: 60, requests: 4, tokens: 16),
                UsageWindow(entity: .team("t1"), minute: 60, requests: 1, tokens: 7),
                UsageWindow(entity: .user("u1"), minute: 120, requests: 4, tokens: 40),
            ]
            let fromFirst = try await first.usage(since: 0)
            #expect(Set(fromFirst) == expected)
            #expect(fromFirst.count == expected.count)
            #expect(Set(try await second.usage(since: 0)) == expected)
        }
    }

    @Test(arguments: StoreBackend.all)
    func usageSinceIncludesThatMinuteAndLater(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.addUsage([60, 120, 180].map { UsageWindow(entity: .key("k1"), minute: $0, requests: 1, tokens: $0) })
            #expect(Set(try await store.usage(since: 120).map(\.minute)) == [120, 180])
            #expect(try await store.usage(since: 181).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all)
    func concurrentAddUsageLosesNothing(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            let batch = ["k1", "k2", "k3"].map { UsageWindow(entity: .key($0), minute: 600, requests: 1, tokens: 3) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<20 {
                    let store = round.isMultiple(of: 2) ? first : second
                    let windows = round.isMultiple(of: 3) ? batch.reversed() : batch
                    group.addTask { try await store.addUsage(windows) }
                }
                try await group.waitForAll()
            }
            let usage = try await first.usage(since: 600)
            #expect(usage.count == 3)
            #expect(usage.allSatisfy { $0.requests == 20 && $0.tokens == 60 })
        }
    }
}
