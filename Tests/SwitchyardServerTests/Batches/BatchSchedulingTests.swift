import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// How the scheduler runs lines: inside the key's and the deployments' limits (waiting on the
/// gateway's clock, which the tests move), and durably: a batch left by a replica that died
/// is taken over without running a line that has a result, and a window that closes ends it.
@Suite struct BatchSchedulingTests {
    @Test func linesOverTheKeysRateLimitWaitForItToResetInsteadOfFailing() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        let clock = ManualClock()
        try await withGateway(try BatchRoutesTests.config(upstream, settings: "  batch_concurrency: 1"), clock: clock) { client in
            let admin = AdminClient(client: client)
            let batches = BatchClient(client: client)
            let key = try await admin.generateKey(["rpm_limit": 2])
            let id = try await batches.submit((0..<5).map { BatchClient.line("r-\($0)", "limited \($0)") }, key: key)
            let batch = try await batches.finished(id, key: key)
            #expect(batch["status"] as? String == "completed")
            #expect(BatchClient.counts(batch) == [5, 5, 0])
            #expect(upstream.requests.count == 5)
            // Two a minute (a sliding window): five lines take over two minutes of waiting for
            // the limit to reset, none of it more than to the next minute.
            let waits = clock.sleeps.filter { $0 >= 1 }
            #expect(waits.count >= 2, "\(clock.sleeps)")
            #expect(waits.reduce(0, +) >= 120, "\(clock.sleeps)")
            #expect(waits.allSatisfy { $0 <= 60 })
        }
    }

    @Test func linesNeverPushADeploymentPastItsRPMTheyWaitForSpareCapacity() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        let clock = ManualClock()
        let config = try BatchRoutesTests.config(upstream, deployment: ", rpm: 2", settings: "  batch_concurrency: 1")
        try await withGateway(config, clock: clock) { client in
            let batches = BatchClient(client: client)
            let id = try await batches.submit((0..<4).map { BatchClient.line("d-\($0)", "capacity \($0)") })
            let batch = try await batches.finished(id)
            #expect(BatchClient.counts(batch) == [4, 4, 0])
            #expect(upstream.requests.count == 4)
            // No attempt was refused or sent in panic mode: the third line waited for the minute.
            #expect(clock.sleeps.filter { $0 >= 1 }.count == 1, "\(clock.sleeps)")
        }
    }

    /// A batch whose replica died mid-way: its lease still held, two of its four lines answered.
    static func abandonedBatch(in path: String, clock: ManualClock, expiresIn window: Double = 86_400) async throws -> StoredBatch {
        let now = clock.wallTime()
        let batch = StoredBatch(
            id: "batch_abandoned", ownerKeyHash: "master", endpoint: "/v1/chat/completions", inputFileID: "file-gone", createdAt: now - 60,
            expiresAt: now + window
        )
        try await StoreLocation.sqlite(path: path).withStore { store in
            try await store.insertBatch(batch)
            let lines = (0..<4).map { index in
                BatchLine(index: index, customID: "line-\(index)", body: #"{"model":"claude","max_tokens":20,"messages":[{"role":"user","content":"resumed \#(index)"}]}"#)
            }
            _ = try await store.acceptBatch(id: batch.id, lines: lines, model: "claude", at: now - 59)
            for index in [0, 2] {
                let body = #"{"id":"chatcmpl-before","object":"chat.completion","answered":"before the crash"}"#
                _ = try await store.settleLine(
                    batchID: batch.id, index: index, result: .answered(id: "batch_req_before\(index)", status: 200, requestID: "r\(index)", body: body),
                    usage: BatchTokenUsage(inputTokens: 3, outputTokens: 2)
                )
            }
            _ = try await store.claimBatch(replica: "replica-that-died", now: now, leaseUntil: now + 30)
        }
        return batch
    }

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-batches-\(UUID().uuidString).sqlite").path
    }

    @Test func aBatchLeftByADeadReplicaIsTakenOverWhenItsLeaseEndsAndAnsweredLinesNeverRunAgain() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        let clock = ManualClock()
        let path = Self.temporaryDatabase()
        let batch = try await Self.abandonedBatch(in: path, clock: clock)
        try await withGateway(try BatchRoutesTests.config(upstream), clock: clock, store: .sqlite(path: path)) { client in
            let batches = BatchClient(client: client)
            // The dead replica's lease holds for its 30 seconds: nobody runs the batch.
            try await Task.sleep(for: .milliseconds(300))
            #expect(upstream.requests.isEmpty)
            #expect(try await batches.retrieve(batch.id).body.json["status"] as? String == "in_progress")
            clock.advance(by: 31)
            let resumed = try await batches.finished(batch.id)
            #expect(resumed["status"] as? String == "completed")
            #expect(BatchClient.counts(resumed) == [4, 4, 0])
            // Only the two lines without a result reached the provider.
            let heard = upstream.requests.compactMap { ($0.json["messages"] as? [[String: Any]])?.first?["content"] as? String }
            #expect(heard.sorted() == ["resumed 1", "resumed 3"])
            // The output has every line once, in order, the earlier answers as they were stored.
            let output = try await batches.lines(ofFile: resumed["output_file_id"])
            #expect(output.map { $0["custom_id"] as? String } == ["line-0", "line-1", "line-2", "line-3"])
            #expect(output.map { $0["id"] as? String }[0] == "batch_req_before0")
            #expect((((output[2]["response"] as? [String: Any])?["body"]) as? [String: Any])?["answered"] as? String == "before the crash")
            #expect(((resumed["usage"] as? [String: Any])?["input_tokens"] as? Int ?? 0) > 6)
        }
    }

    @Test func aClosedWindowEndsTheBatchExpiredWithItsUnrunLinesInTheErrorFile() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        let clock = ManualClock()
        let path = Self.temporaryDatabase()
        let batch = try await Self.abandonedBatch(in: path, clock: clock, expiresIn: 10)
        try await withGateway(try BatchRoutesTests.config(upstream), clock: clock, store: .sqlite(path: path)) { client in
            let batches = BatchClient(client: client)
            clock.advance(by: 31)
            let expired = try await batches.finished(batch.id)
            #expect(expired["status"] as? String == "expired")
            #expect(expired["expired_at"] is Int)
            #expect(expired["completed_at"] is NSNull)
            #expect(BatchClient.counts(expired) == [4, 2, 2])
            #expect(upstream.requests.isEmpty)
            let output = try await batches.lines(ofFile: expired["output_file_id"])
            #expect(output.map { $0["custom_id"] as? String } == ["line-0", "line-2"])
            let errors = try await batches.lines(ofFile: expired["error_file_id"])
            #expect(errors.map { $0["custom_id"] as? String } == ["line-1", "line-3"])
            #expect(errors.allSatisfy { $0["response"] is NSNull && ($0["error"] as? [String: Any])?["code"] as? String == "batch_expired" })
        }
    }

    @Test func theLinesOfABlockedKeysBatchFailWithTheKeysError() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        let clock = ManualClock()
        let path = Self.temporaryDatabase()
        try await withGateway(try BatchRoutesTests.config(upstream), clock: clock, store: .sqlite(path: path)) { client in
            let admin = AdminClient(client: client)
            let batches = BatchClient(client: client)
            let key = try await admin.generateKey()
            #expect(try await admin.post("/key/block", ["key": key]).status == .ok)
            // The key's batch, made before the key was blocked, its lines not run yet.
            var template = try await Self.abandonedBatch(in: path, clock: clock)
            template.ownerKeyHash = KeySecret.hash(key)
            template.id = "batch_of_blocked_key"
            let batch = template
            try await StoreLocation.sqlite(path: path).withStore { store in
                try await store.insertBatch(batch)
                let lines = [BatchLine(index: 0, customID: "x", body: #"{"model":"claude","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#)]
                _ = try await store.acceptBatch(id: batch.id, lines: lines, model: nil, at: clock.wallTime())
            }
            let ended = try await batches.finished(batch.id)
            #expect(ended["status"] as? String == "completed")
            #expect(BatchClient.counts(ended) == [1, 0, 1])
            let errors = try await batches.lines(ofFile: ended["error_file_id"])
            let response = try #require(errors.first?["response"] as? [String: Any])
            #expect(response["status_code"] as? Int == 401)
            #expect(((response["body"] as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "key_blocked")
            // The other batch (the master key's) ran once its lease ended; this key's line never did.
            clock.advance(by: 31)
            _ = try await batches.finished("batch_abandoned")
            #expect(!upstream.requests.contains { String(decoding: $0.body, as: UTF8.self).contains("\"hi\"") })
        }
    }
}
