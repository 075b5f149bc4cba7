import Foundation
@testable import SwitchyardCore
@testable import SwitchyardPostgres
@testable import SwitchyardSQLite
import Testing

/// Stored responses of the Responses API: kept byte for byte, walked back along
/// `previous_response_id` in one query, deleted, pruned, and seen at once by every replica.
@Suite struct ResponseConformanceTests {
    /// Five turns, each continuing the one before, one second apart.
    static let chain: [StoredResponse] = (1...5).map { turn in
        Fixtures.response("resp_\(turn)", after: turn == 1 ? nil : "resp_\(turn - 1)", at: 1_760_000_000 + Double(turn))
    }

    @Test(arguments: StoreBackend.all)
    func responsesReadBackByteForByte(backend: StoreBackend) async throws {
        // A decomposed "é" equals the composed one as a Swift String, so the bytes are compared too.
        let text = #"e\u0301 \"quoted\" back\\slash ü 🚀 漢字 "# + "e\u{301} \u{1F680} \"raw\" \\ \t\n"
        let image = String(repeating: "iVBORw0KGgoAAAANSUhEUgAA+/=", count: 12_000)  // ~324 KB of base64
        let full = StoredResponse(
            id: "resp_full", ownerKeyHash: "hash-ü", teamID: "team \"q\"", previousResponseID: "resp_before",
            model: "gpt-4o", createdAt: 1_760_000_000.125,
            inputItems: #"[{"id":"msg_1","type":"message","content":[{"type":"input_text","text":"\#(text)"},{"type":"input_image","image_url":"data:image/png;base64,\#(image)"}]}]"#,
            response: #"{"id":"resp_full",  "output":[{"id":"msg_2","content":[{"type":"output_text","text":"\#(text)"}]}],"note":"\#(image)"}"#
        )
        let bare = StoredResponse(id: "resp_bare", ownerKeyHash: "open", model: "claude", createdAt: 1_760_000_001, inputItems: "[]", response: "{}")
        #expect(full.response.utf8.count > 300_000)
        try await backend.withStore { store in
            try await store.insertResponse(full)
            try await store.insertResponse(bare)
            let stored = try #require(try await store.response(id: "resp_full"))
            #expect(stored == full)
            #expect(Array(stored.response.utf8) == Array(full.response.utf8))
            #expect(Array(stored.inputItems.utf8) == Array(full.inputItems.utf8))
            #expect(Array(stored.ownerKeyHash.utf8) == Array(full.ownerKeyHash.utf8))
            #expect(try await store.response(id: "resp_bare") == bare)
            #expect(try await store.conversation(endingAt: "resp_full", limit: 10) == [full])
        }
    }

    @Test(arguments: StoreBackend.all)
    func anUnknownIDHasNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertResponse(Fixtures.response("resp_known"))
            #expect(try await store.response(id: "resp_unknown") == nil)
            #expect(try await store.conversation(endingAt: "resp_unknown", limit: 10) == [])
            #expect(try await store.deleteResponse(id: "resp_unknown") == false)
        }
    }

    @Test(arguments: StoreBackend.all)
    func aConversationReadsOldestFirstAndLimitKeepsTheNewest(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            // Written out of order: the walk follows the ids, not the insertion or the clock.
            for turn in [3, 1, 5, 2, 4] { try await store.insertResponse(Self.chain[turn - 1]) }
            let ids = { (end: String, limit: Int) in try await store.conversation(endingAt: end, limit: limit).map(\.id) }
            #expect(try await store.conversation(endingAt: "resp_5", limit: 100) == Self.chain)
            #expect(try await ids("resp_5", 5) == ["resp_1", "resp_2", "resp_3", "resp_4", "resp_5"])
            #expect(try await ids("resp_3", 100) == ["resp_1", "resp_2", "resp_3"])
            #expect(try await ids("resp_5", 2) == ["resp_4", "resp_5"])
            #expect(try await ids("resp_4", 1) == ["resp_4"])
            #expect(try await ids("resp_1", 100) == ["resp_1"])
            #expect(try await ids("resp_5", 0) == [])
        }
    }

    @Test(arguments: StoreBackend.all)
    func aChainStopsAtADeletedResponse(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for response in Self.chain { try await store.insertResponse(response) }
            #expect(try await store.deleteResponse(id: "resp_3"))
            #expect(try await store.conversation(endingAt: "resp_5", limit: 100).map(\.id) == ["resp_4", "resp_5"])
            #expect(try await store.conversation(endingAt: "resp_2", limit: 100).map(\.id) == ["resp_1", "resp_2"])
            #expect(try await store.conversation(endingAt: "resp_3", limit: 100) == [])
        }
    }

    @Test(arguments: StoreBackend.all)
    func aBranchFollowsItsOwnPath(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let tree = [
                Fixtures.response("resp_root", at: 1),
                Fixtures.response("resp_a", after: "resp_root", at: 2),
                Fixtures.response("resp_b", after: "resp_root", at: 3),
                Fixtures.response("resp_b2", after: "resp_b", at: 4),
                Fixtures.response("resp_a2", after: "resp_a", at: 5),
            ]
            for response in tree { try await store.insertResponse(response) }
            #expect(try await store.conversation(endingAt: "resp_a2", limit: 100).map(\.id) == ["resp_root", "resp_a", "resp_a2"])
            #expect(try await store.conversation(endingAt: "resp_b2", limit: 100).map(\.id) == ["resp_root", "resp_b", "resp_b2"])
            #expect(try await store.conversation(endingAt: "resp_b", limit: 100).map(\.id) == ["resp_root", "resp_b"])
        }
    }

    /// The store does not check that a previous response exists, so ids can point in a loop;
    /// the walk must end at the first response it already passed, not run on to the limit.
    @Test(arguments: StoreBackend.all)
    func aLoopOfPreviousIDsEnds(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertResponse(Fixtures.response("resp_self", after: "resp_self"))
            try await store.insertResponse(Fixtures.response("resp_x", after: "resp_y"))
            try await store.insertResponse(Fixtures.response("resp_y", after: "resp_x"))
            try await store.insertResponse(Fixtures.response("resp_z", after: "resp_y"))
            #expect(try await store.conversation(endingAt: "resp_self", limit: 10_000).map(\.id) == ["resp_self"])
            #expect(try await store.conversation(endingAt: "resp_z", limit: 10_000).map(\.id) == ["resp_x", "resp_y", "resp_z"])
            #expect(try await store.conversation(endingAt: "resp_x", limit: 10_000).map(\.id) == ["resp_y", "resp_x"])
        }
    }

    @Test(arguments: StoreBackend.all)
    func writingAnIDAgainReplacesIt(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var response = Fixtures.response("resp_1")
            try await store.insertResponse(response)
            try await store.insertResponse(response)
            response.response = #"{"id":"resp_1","status":"completed"}"#
            response.teamID = nil
            try await store.insertResponse(response)
            #expect(try await store.response(id: "resp_1") == response)
            #expect(try await store.pruneResponses(createdBefore: 2e9) == 1)
        }
    }

    @Test(arguments: StoreBackend.all)
    func deleteAnswersWhetherTheResponseExisted(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for response in Self.chain.prefix(2) { try await store.insertResponse(response) }
            #expect(try await store.deleteResponse(id: "resp_1") == true)
            #expect(try await store.deleteResponse(id: "resp_1") == false)
            #expect(try await store.response(id: "resp_1") == nil)
            #expect(try await store.response(id: "resp_2") == Self.chain[1])
        }
    }

    @Test(arguments: StoreBackend.all)
    func pruneRemovesOnlyOlderResponses(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for response in Self.chain { try await store.insertResponse(response) }
            // resp_3 was created at exactly this time: "before" is strict.
            #expect(try await store.pruneResponses(createdBefore: 1_760_000_003) == 2)
            #expect(try await store.pruneResponses(createdBefore: 1_760_000_003) == 0)
            #expect(try await store.response(id: "resp_2") == nil)
            #expect(try await store.conversation(endingAt: "resp_5", limit: 100).map(\.id) == ["resp_3", "resp_4", "resp_5"])
        }
    }

    @Test(arguments: StoreBackend.all)
    func aResponseWrittenOnOneReplicaIsReadAtOnceOnAnother(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            try await first.insertResponse(Self.chain[0])
            try await second.insertResponse(Self.chain[1])
            try await first.insertResponse(Self.chain[2])
            #expect(try await second.response(id: "resp_3") == Self.chain[2])
            #expect(try await second.conversation(endingAt: "resp_3", limit: 10) == Array(Self.chain.prefix(3)))
            #expect(try await second.deleteResponse(id: "resp_3"))
            #expect(try await first.response(id: "resp_3") == nil)
        }
    }

    /// A database from the release before stored responses (SQLite schema 4, PostgreSQL 3)
    /// gains the table and keeps what it had.
    @Test(arguments: StoreBackend.all)
    func aDatabaseFromBeforeResponsesUpgrades(backend: StoreBackend) async throws {
        try await backend.withDatabase { makeStore in
            let store = try await makeStore()
            try await LegacyRows.migrate(store, sqlite: 4, postgres: 3, backend: backend)
            try await LegacyRows.insertKeyAndTeam(key: "k1", team: "t1", into: store)
            await #expect(throws: (any Error).self) { try await store.insertResponse(Self.chain[0]) }
            try await store.migrate()
            try await store.migrate()
            for response in Self.chain { try await store.insertResponse(response) }
            #expect(try await store.conversation(endingAt: "resp_5", limit: 100) == Self.chain)
            #expect(try await store.allKeys().map(\.tokenHash) == ["k1"])
        }
    }
}
