import Foundation
@testable import SwitchyardCore
@testable import SwitchyardPostgres
@testable import SwitchyardSQLite
import Testing

/// Batches and their lines: read back whole, moved on only from the status a write expects,
/// each line settled once however many replicas race, and leased to one replica at a time.
@Suite struct BatchConformanceTests {
    static let now = 1_760_000_000.0

    static func batch(_ id: String, owner: String = "key-a", team: String? = nil, at time: Double = now) -> StoredBatch {
        StoredBatch(
            id: id, ownerKeyHash: owner, teamID: team, endpoint: "/v1/chat/completions", inputFileID: "file-\(id)", createdAt: time,
            expiresAt: time + 86_400
        )
    }

    static func lines(_ count: Int) -> [BatchLine] {
        (0..<count).map { BatchLine(index: $0, customID: "req-\($0)", body: #"{"model":"claude","messages":[{"role":"user","content":"line \#($0) \"ü\""}]}"#) }
    }

    static func answer(_ index: Int, status: Int = 200) -> BatchLineResult {
        .answered(id: "batch_req_\(index)", status: status, requestID: "request-\(index)", body: #"{"id":"answer-\#(index)","note":"ü \"q\""}"#)
    }

    @Test(arguments: StoreBackend.all)
    func aBatchReadsBackWithEveryField(backend: StoreBackend) async throws {
        var full = Self.batch("batch_full", team: "team \"t\"")
        full.statusTimes = [.inProgress: Self.now + 1, .finalizing: Self.now + 2, .completed: Self.now + 3.5]
        full.status = .completed
        full.outputFileID = "file-out"
        full.errorFileID = "file-err"
        full.errors = [BatchInputError(code: "invalid_json_line", message: "line \"2\" ü", line: 2), BatchInputError(code: "empty_file", message: "none")]
        full.metadata = ["project": "q\"uote", "ü": "🚀"]
        full.model = "claude"
        try await backend.withStore { store in
            try await store.insertBatch(full)
            try await store.insertBatch(Self.batch("batch_bare"))
            #expect(try await store.batch(id: "batch_full") == full)
            #expect(try await store.batch(id: "batch_bare") == Self.batch("batch_bare"))
            #expect(try await store.batch(id: "batch_none") == nil)
        }
    }

    @Test(arguments: StoreBackend.all)
    func acceptingStoresTheLinesOnceAndOnlyWhileValidating(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertBatch(Self.batch("batch_1"))
            #expect(try await store.acceptBatch(id: "batch_1", lines: Self.lines(3), model: "claude", at: Self.now + 5))
            let accepted = try #require(try await store.batch(id: "batch_1"))
            #expect(accepted.status == .inProgress)
            #expect(accepted.statusTimes[.inProgress] == Self.now + 5)
            #expect(accepted.counts == BatchRequestCounts(total: 3))
            #expect(accepted.model == "claude")
            #expect(try await store.unsettledLines(batchID: "batch_1", after: -1, limit: 10) == Self.lines(3))
            // A second validation (a replica that lost its claim) changes nothing.
            #expect(try await store.acceptBatch(id: "batch_1", lines: Self.lines(5), model: nil, at: Self.now + 9) == false)
            #expect(try await store.batch(id: "batch_1")?.counts.total == 3)
            #expect(try await store.unsettledLines(batchID: "batch_1", after: -1, limit: 10).count == 3)
        }
    }

    @Test(arguments: StoreBackend.all)
    func aLineIsSettledOnceAndCountedOnce(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertBatch(Self.batch("batch_1"))
            _ = try await store.acceptBatch(id: "batch_1", lines: Self.lines(4), model: nil, at: Self.now)
            let usage = BatchTokenUsage(inputTokens: 10, cachedTokens: 2, outputTokens: 5, reasoningTokens: 1)
            #expect(try await store.settleLine(batchID: "batch_1", index: 1, result: Self.answer(1), usage: usage))
            #expect(try await store.settleLine(batchID: "batch_1", index: 1, result: Self.answer(1, status: 500), usage: usage) == false)
            let refused = BatchLineResult.answered(id: "batch_req_x", status: 403, requestID: "r", body: #"{"error":{"message":"no"}}"#)
            #expect(try await store.settleLine(batchID: "batch_1", index: 2, result: refused, usage: BatchTokenUsage()))
            let batch = try #require(try await store.batch(id: "batch_1"))
            #expect(batch.counts == BatchRequestCounts(total: 4, completed: 1, failed: 1))
            #expect(batch.usage == usage)
            #expect(try await store.unsettledLines(batchID: "batch_1", after: -1, limit: 10).map(\.index) == [0, 3])
            #expect(try await store.unsettledLines(batchID: "batch_1", after: 0, limit: 1).map(\.index) == [3])
            let outcomes = try await store.lineOutcomes(batchID: "batch_1", after: -1, limit: 10)
            #expect(outcomes.map(\.customID) == ["req-0", "req-1", "req-2", "req-3"])
            #expect(outcomes.map(\.result) == [nil, Self.answer(1), refused, nil])
            #expect(outcomes.allSatisfy { $0.body.isEmpty })
            // The window closes: the lines that never ran are settled as expired, and failed.
            #expect(try await store.expireUnsettledLines(batchID: "batch_1", idPrefix: "batch_req_x_") == 2)
            #expect(try await store.expireUnsettledLines(batchID: "batch_1", idPrefix: "batch_req_y_") == 0)
            let expired = try await store.lineOutcomes(batchID: "batch_1", after: -1, limit: 10)
            #expect(expired.map(\.result?.id) == ["batch_req_x_0", "batch_req_1", "batch_req_x", "batch_req_x_3"])
            #expect(expired[3].result == BatchOutputLine.expired(id: "batch_req_x_3"))
            #expect(try await store.batch(id: "batch_1")?.counts == BatchRequestCounts(total: 4, completed: 1, failed: 3))
            #expect(try await store.unsettledLines(batchID: "batch_1", after: -1, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all)
    func replicasRacingToSettleALineSettleItOnce(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            try await first.insertBatch(Self.batch("batch_1"))
            _ = try await first.acceptBatch(id: "batch_1", lines: Self.lines(20), model: nil, at: Self.now)
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    for store in [first, second] {
                        group.addTask { try await store.settleLine(batchID: "batch_1", index: index, result: Self.answer(index), usage: BatchTokenUsage(inputTokens: 1)) }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 20)
            let batch = try #require(try await second.batch(id: "batch_1"))
            #expect(batch.counts == BatchRequestCounts(total: 20, completed: 20, failed: 0))
            #expect(batch.usage.inputTokens == 20)
        }
    }

    @Test(arguments: StoreBackend.all)
    func anUpdateLandsOnlyFromTheStatusItExpects(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertBatch(Self.batch("batch_1"))
            let batch = Self.batch("batch_1")
            let cancelling = try #require(batch.moved(by: .cancelRequested, at: Self.now + 1))
            #expect(try await store.updateBatch(cancelling, from: [.inProgress]) == false)
            #expect(try await store.updateBatch(cancelling, from: [.validating, .inProgress]))
            // Validation finishing after the cancel finds the batch moved on.
            #expect(try await store.acceptBatch(id: "batch_1", lines: Self.lines(2), model: nil, at: Self.now + 2) == false)
            var cancelled = try #require(cancelling.moved(by: .filesWritten(complete: false), at: Self.now + 3))
            cancelled.errorFileID = "file-err"
            #expect(try await store.updateBatch(cancelled, from: [.cancelling]))
            let stored = try #require(try await store.batch(id: "batch_1"))
            #expect(stored.status == .cancelled)
            #expect(stored.statusTimes == [.cancelling: Self.now + 1, .cancelled: Self.now + 3])
            #expect(stored.errorFileID == "file-err")
        }
    }

    @Test(arguments: StoreBackend.all)
    func aBatchIsLeasedToOneReplicaUntilItsLeaseEnds(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            try await first.insertBatch(Self.batch("batch_old", at: Self.now))
            try await first.insertBatch(Self.batch("batch_new", at: Self.now + 10))
            var done = Self.batch("batch_done", at: Self.now - 10)
            done.status = .completed
            try await first.insertBatch(done)

            let now = Self.now + 20
            #expect(try await first.claimBatch(replica: "a", now: now, leaseUntil: now + 30)?.id == "batch_old")
            #expect(try await second.claimBatch(replica: "b", now: now, leaseUntil: now + 30)?.id == "batch_new")
            #expect(try await second.claimBatch(replica: "b", now: now + 1, leaseUntil: now + 31) == nil)
            #expect(try await first.claimBatch(replica: "a", now: now + 1, leaseUntil: now + 31) == nil)
            // Only the holder renews.
            #expect(try await second.renewLease(batchID: "batch_old", replica: "b", until: now + 100) == false)
            #expect(try await first.renewLease(batchID: "batch_old", replica: "a", until: now + 40))
            // An expired lease goes to another replica, never back to its holder.
            #expect(try await first.claimBatch(replica: "a", now: now + 50, leaseUntil: now + 80)?.id == "batch_new")
            #expect(try await second.claimBatch(replica: "b", now: now + 50, leaseUntil: now + 80)?.id == "batch_old")
            #expect(try await second.claimBatch(replica: "b", now: now + 51, leaseUntil: now + 81) == nil)
            #expect(try await first.renewLease(batchID: "batch_old", replica: "a", until: now + 90) == false)
            // A lease given up is free at once.
            try await first.releaseLease(batchID: "batch_new", replica: "a")
            #expect(try await second.claimBatch(replica: "b", now: now + 52, leaseUntil: now + 82)?.id == "batch_new")
        }
    }

    @Test(arguments: StoreBackend.all)
    func listsRunNewestFirstForTheOwnerAndItsTeam(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for (offset, owner) in ["key-a", "key-b", "key-a", "key-c", "key-a"].enumerated() {
                try await store.insertBatch(Self.batch("batch_\(offset)", owner: owner, team: owner == "key-c" ? "team-1" : nil, at: Self.now + Double(offset)))
            }
            let ids = { (query: BatchQuery) in try await store.batches(query).map(\.id) }
            #expect(try await ids(BatchQuery(ownerKeyHash: nil, limit: 10)) == ["batch_4", "batch_3", "batch_2", "batch_1", "batch_0"])
            #expect(try await ids(BatchQuery(ownerKeyHash: "key-a", limit: 10)) == ["batch_4", "batch_2", "batch_0"])
            #expect(try await ids(BatchQuery(ownerKeyHash: "key-a", teamID: "team-1", limit: 10)) == ["batch_4", "batch_3", "batch_2", "batch_0"])
            // One more than the limit says there are more; the cursor goes on after its id.
            #expect(try await ids(BatchQuery(ownerKeyHash: "key-a", limit: 1)) == ["batch_4", "batch_2"])
            #expect(try await ids(BatchQuery(ownerKeyHash: "key-a", limit: 1, after: "batch_4")) == ["batch_2", "batch_0"])
            #expect(try await ids(BatchQuery(ownerKeyHash: "key-a", limit: 5, after: "batch_0")) == [])
        }
    }
}
