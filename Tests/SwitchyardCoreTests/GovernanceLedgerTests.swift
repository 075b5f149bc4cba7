import SwitchyardCore
import Testing

@Suite struct GovernanceLedgerTests {
    static let noon = 1_795_521_600.0  // 2026-11-24T12:00:00Z

    @Test func budgetDurationsAlignDaysAndMonthsToUTCCalendar() throws {
        #expect(try #require(BudgetDuration("1d")).nextReset(after: Self.noon) == Self.noon + 12 * 3600)
        #expect(try #require(BudgetDuration("30s")).nextReset(after: Self.noon) == Self.noon + 30)
        #expect(ISOTime.format(try #require(BudgetDuration("1mo")).nextReset(after: Self.noon)) == "2026-12-01T00:00:00Z")
        #expect(BudgetDuration("1w") == nil && BudgetDuration("0d") == nil && BudgetDuration("d") == nil)
        #expect(BudgetDuration("36500d") != nil && BudgetDuration("36501d") == nil && BudgetDuration("1217mo") == nil && BudgetDuration("99999999999d") == nil)
    }

    /// Two replicas share a budget through the store: each sees the other's spend after a sync.
    @Test func syncedSpendFromAnotherReplicaCountsAgainstTheBudget() throws {
        var key = VirtualKey(tokenHash: "h", keyName: "sk-...h", createdAt: Self.noon)
        key.limits.maxBudget = 1
        let ledger = GovernanceLedger()
        ledger.upsert(key)
        let admission = try ledger.admit(keyHash: "h", model: "m", estimate: 0.1, now: Self.noon)
        ledger.settle(admission, cost: 0.5, tokens: 10, now: Self.noon)
        let batch = ledger.takePending()
        #expect(batch.spend == [SpendDelta(entity: .key("h"), amount: 0.5)])
        #expect(batch.windows.first?.requests == 1 && batch.windows.first?.tokens == 10)
        // The store now says 0.5 from here plus 0.6 from another replica.
        key.spend = 1.1
        ledger.applySync(keys: [key], teams: [], users: [], windows: [], resetsWritten: [])
        #expect(ledger.key(hash: "h")?.spend == 1.1)
        #expect(throws: GatewayError.self) { try ledger.admit(keyHash: "h", model: "m", estimate: 0, now: Self.noon) }
    }

    @Test func aFailedSyncKeepsWhatWasInTransit() throws {
        let ledger = GovernanceLedger()
        ledger.upsert(VirtualKey(tokenHash: "h", keyName: "k", createdAt: Self.noon))
        let admission = try ledger.admit(keyHash: "h", model: "m", estimate: 0, now: Self.noon)
        ledger.settle(admission, cost: 0.25, tokens: 3, now: Self.noon)
        _ = ledger.takePending()
        #expect(ledger.key(hash: "h")?.spend == 0.25, "in transit still counts")
        ledger.restoreInTransit()
        let again = ledger.takePending()
        #expect(again.spend == [SpendDelta(entity: .key("h"), amount: 0.25)])
    }

    @Test func wildcardAllowlists() throws {
        let ledger = GovernanceLedger()
        ledger.upsert(VirtualKey(tokenHash: "h", keyName: "k", models: ["gpt-4o*", "claude"], createdAt: Self.noon))
        _ = try ledger.admit(keyHash: "h", model: "gpt-4o-mini", estimate: 0, now: Self.noon)
        _ = try ledger.admit(keyHash: "h", model: "claude", estimate: 0, now: Self.noon)
        #expect(throws: GatewayError.self) { try ledger.admit(keyHash: "h", model: "claude-2", estimate: 0, now: Self.noon) }
    }

    /// A sync that read the store before an admin change landed must not undo the change.
    @Test func aStaleSyncDoesNotUndoALocalWriteOrDeletion() throws {
        let ledger = GovernanceLedger()
        var key = VirtualKey(tokenHash: "h", keyName: "k", blocked: true, createdAt: Self.noon)
        ledger.upsert(key)
        let gone = VirtualKey(tokenHash: "gone", keyName: "g", createdAt: Self.noon)
        ledger.upsert(gone)
        let readAfter = ledger.generation
        key.blocked = false
        ledger.upsert(key)  // unblocked while the sync was reading
        ledger.removeKeys(["gone"])  // deleted while the sync was reading
        var staleBlocked = key
        staleBlocked.blocked = true
        staleBlocked.spend = 0.75
        ledger.applySync(keys: [staleBlocked, gone], teams: [], users: [], windows: [], resetsWritten: [], readAfter: readAfter)
        #expect(ledger.key(hash: "h")?.blocked == false)
        #expect(ledger.key(hash: "h")?.spend == 0.75, "spend still comes from the store")
        #expect(ledger.key(hash: "gone") == nil)
        // The next sync, which read after the writes, is taken as it is.
        ledger.applySync(keys: [staleBlocked], teams: [], users: [], windows: [], resetsWritten: [], readAfter: ledger.generation)
        #expect(ledger.key(hash: "h")?.blocked == true)
    }
}
