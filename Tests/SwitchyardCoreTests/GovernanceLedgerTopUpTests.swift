import SwitchyardCore
import Testing

/// A top-up raises the budget in memory at once, and neither a stale sync nor a top-up
/// that finishes after a later one takes it back.
@Suite struct GovernanceLedgerTopUpTests {
    static let noon = GovernanceLedgerTests.noon

    static func spentKey(budget: Double?) throws -> GovernanceLedger {
        var key = VirtualKey(tokenHash: "h", keyName: "k", createdAt: noon)
        key.limits.maxBudget = budget
        key.spend = 1
        let ledger = GovernanceLedger()
        ledger.applySync(keys: [key], teams: [Team(teamID: "t", createdAt: noon)], users: [], windows: [], resetsWritten: [])
        return ledger
    }

    @Test func aToppedUpKeyIsAdmittedAtOnce() throws {
        let ledger = try Self.spentKey(budget: 1)
        #expect(throws: GatewayError.self) { try ledger.admit(keyHash: "h", model: "m", estimate: 0, now: Self.noon) }
        ledger.raiseBudget(of: .key("h"), to: 3)
        #expect(ledger.key(hash: "h")?.limits.maxBudget == 3)
        let admission = try ledger.admit(keyHash: "h", model: "m", estimate: 0, now: Self.noon)
        #expect(admission.budgeted)
    }

    @Test func aStaleSyncOrAnEarlierTopUpFinishingLastDoesNotLowerIt() throws {
        let ledger = try Self.spentKey(budget: 1)
        let readAfter = ledger.generation
        ledger.raiseBudget(of: .key("h"), to: 3)
        ledger.raiseBudget(of: .key("h"), to: 2)
        #expect(ledger.key(hash: "h")?.limits.maxBudget == 3)
        // A sync that read the store before the top-ups landed.
        var stale = VirtualKey(tokenHash: "h", keyName: "k", createdAt: Self.noon)
        stale.limits.maxBudget = 1
        stale.spend = 1
        ledger.applySync(keys: [stale], teams: [], users: [], windows: [], resetsWritten: [], readAfter: readAfter)
        #expect(ledger.key(hash: "h")?.limits.maxBudget == 3)
        _ = try ledger.admit(keyHash: "h", model: "m", estimate: 0, now: Self.noon)
    }

    @Test func aTeamWithNoBudgetGetsTheToppedUpOneAndUnknownEntitiesAreIgnored() throws {
        let ledger = try Self.spentKey(budget: nil)
        ledger.raiseBudget(of: .team("t"), to: 5)
        #expect(ledger.team(id: "t")?.limits.maxBudget == 5)
        ledger.raiseBudget(of: .team("absent"), to: 5)
        ledger.raiseBudget(of: .user("absent"), to: 5)
        #expect(ledger.team(id: "absent") == nil && ledger.user(id: "absent") == nil)
    }
}
