import Foundation
import NIOCore
import SwitchyardCore
import Testing

/// The input file of a batch, checked line by line as OpenAI checks it.
@Suite struct BatchInputTests {
    static let endpoint = "/v1/chat/completions"

    static func line(_ id: String, model: String = "claude", url: String = endpoint, extra: String = "") -> String {
        #"{"custom_id":"\#(id)","method":"POST","url":"\#(url)","body":{"model":"\#(model)","messages":[{"role":"user","content":"hi \"there\""}]\#(extra)}}"#
    }

    static func validate(_ lines: [String]) -> BatchInput {
        BatchInput(validating: ByteBuffer(string: lines.joined(separator: "\n")), endpoint: endpoint)
    }

    @Test func goodLinesKeepTheirOrderIdsAndBodiesByteForByte() throws {
        let input = Self.validate([Self.line("a"), "", Self.line("b") + "\r", Self.line("c"), ""])
        #expect(input.errors.isEmpty)
        #expect(input.lines.map(\.customID) == ["a", "b", "c"])
        #expect(input.lines.map(\.index) == [0, 1, 2])
        #expect(input.lines[0].body == #"{"model":"claude","messages":[{"role":"user","content":"hi \"there\""}]}"#)
        #expect(input.model == "claude")
    }

    @Test func linesNamingDifferentModelsHaveNoBatchModel() {
        let input = Self.validate([Self.line("a"), Self.line("b", model: "gpt-4o")])
        #expect(input.errors.isEmpty)
        #expect(input.model == nil)
    }

    @Test func everyBadLineIsNamedWithItsNumberAndField() {
        let input = Self.validate([
            Self.line("ok"),
            "not json",
            #"{"method":"POST","url":"/v1/chat/completions","body":{"model":"m"}}"#,
            Self.line("ok"),
            #"{"custom_id":"g","method":"GET","url":"/v1/chat/completions","body":{"model":"m"}}"#,
            Self.line("e", url: "/v1/embeddings"),
            #"{"custom_id":"nb","method":"POST","url":"/v1/chat/completions","body":[1]}"#,
            #"{"custom_id":"nm","method":"POST","url":"/v1/chat/completions","body":{"messages":[]}}"#,
            Self.line("s", extra: #","stream":true"#),
        ])
        #expect(input.lines.isEmpty)
        let found = input.errors.map { "\($0.line ?? 0) \($0.code) \($0.param ?? "-")" }
        #expect(found == [
            "2 invalid_json_line -",
            "3 missing_required_parameter custom_id",
            "4 duplicate_custom_id custom_id",
            "5 invalid_method method",
            "6 invalid_url url",
            "7 missing_required_parameter body",
            "8 missing_required_parameter body.model",
            "9 stream_not_supported body.stream",
        ])
    }

    @Test func anEmptyFileIsRefused() {
        let input = Self.validate(["", "  "])
        #expect(input.errors.map(\.code) == ["empty_file"])
        #expect(input.errors.first?.line == nil)
    }

    @Test func statusesMoveOnlyAlongTheLifecycle() {
        #expect(BatchStatus.validating.after(.accepted) == .inProgress)
        #expect(BatchStatus.validating.after(.rejected) == .failed)
        #expect(BatchStatus.inProgress.after(.linesSettled) == .finalizing)
        #expect(BatchStatus.inProgress.after(.windowClosed) == .finalizing)
        #expect(BatchStatus.finalizing.after(.filesWritten(complete: true)) == .completed)
        #expect(BatchStatus.finalizing.after(.filesWritten(complete: false)) == .expired)
        #expect(BatchStatus.inProgress.after(.cancelRequested) == .cancelling)
        #expect(BatchStatus.cancelling.after(.filesWritten(complete: false)) == .cancelled)
        #expect(BatchStatus.completed.after(.cancelRequested) == nil)
        #expect(BatchStatus.finalizing.after(.cancelRequested) == nil)
        #expect(BatchStatus.inProgress.after(.accepted) == nil)
        for status in BatchStatus.allCases where status.isTerminal {
            #expect(StoredBatch(id: "b", ownerKeyHash: "k", endpoint: Self.endpoint, inputFileID: "f", status: status, createdAt: 0, expiresAt: 1).nextStep(now: 0) == .none)
        }
    }

    @Test func theNextStepFollowsTheStoredBatch() throws {
        var batch = StoredBatch(id: "b", ownerKeyHash: "k", endpoint: Self.endpoint, inputFileID: "f", createdAt: 0, expiresAt: 100)
        #expect(batch.nextStep(now: 10) == .validate)
        #expect(batch.nextStep(now: 100) == .advance(.windowClosed))
        batch.status = .inProgress
        batch.counts = BatchRequestCounts(total: 3, completed: 1, failed: 1)
        #expect(batch.nextStep(now: 10) == .runLines)
        #expect(batch.nextStep(now: 100) == .advance(.windowClosed))
        batch.counts.failed = 2
        #expect(batch.nextStep(now: 100) == .advance(.linesSettled))
        batch.status = .cancelling
        #expect(batch.nextStep(now: 10) == .writeFiles)
        // A closed window is on record from the moment the batch goes to finalizing.
        batch.status = .inProgress
        let closed = try #require(batch.moved(by: .windowClosed, at: 100))
        #expect(closed.status == .finalizing && closed.windowClosed)
        #expect(closed.statusTimes == [.finalizing: 100, .expired: 100])
        #expect(try #require(batch.moved(by: .linesSettled, at: 50)).windowClosed == false)
    }

    @Test func outputLinesAreOpenAIsFormat() throws {
        var buffer = ByteBuffer()
        BatchOutputLine.write(.answered(id: "batch_req_1", status: 200, requestID: "r-1", body: #"{"id":"x"}"#), customID: "a \"b\"", into: &buffer)
        BatchOutputLine.write(BatchOutputLine.expired(id: "batch_req_2"), customID: "c", into: &buffer)
        BatchOutputLine.write(.answered(id: "batch_req_3", status: 502, requestID: "r-3", body: "not json"), customID: "d", into: &buffer)
        let lines = String(buffer: buffer).split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 3)
        let first = try #require(lines[0])
        #expect(first["id"] as? String == "batch_req_1")
        #expect(first["custom_id"] as? String == #"a "b""#)
        #expect(first["error"] is NSNull)
        let response = try #require(first["response"] as? [String: Any])
        #expect(response["status_code"] as? Int == 200)
        #expect(response["request_id"] as? String == "r-1")
        #expect((response["body"] as? [String: Any])?["id"] as? String == "x")
        let second = try #require(lines[1])
        #expect(second["response"] is NSNull)
        #expect((second["error"] as? [String: Any])?["code"] as? String == "batch_expired")
        #expect(((lines[2]?["response"] as? [String: Any])?["body"] as? String) == "not json")
    }
}
