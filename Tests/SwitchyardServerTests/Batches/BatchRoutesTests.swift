import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// The Batch API through the HTTP surface, run by the gateway over an Anthropic-backed model
/// group (a provider with no batch API of its own): files, counts, what reached the provider,
/// spend at the batch discount, who sees what, validation and cancel.
@Suite struct BatchRoutesTests {
    static func config(_ upstream: FakeAnthropicUpstream, deployment: String = "", settings: String = "") throws -> GatewayConfig {
        let params = "model: anthropic/claude-sonnet-4-5, api_base: \(upstream.baseURL), api_key: sk-upstream\(deployment)"
        return try TestConfig.load(
            """
            model_list:
              - model_name: claude
                litellm_params: {\(params)}
                model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002, batch_discount: 0.5}
              - model_name: claude-private
                litellm_params: {\(params)}
            general_settings:
              master_key: sk-master-123
              proxy_batch_write_at: 0.05
              batch_poll_interval: 0.05
            \(settings)
            """
        )
    }

    @Test func aBatchRunsEveryLineThroughTheGroupAndWritesTheOutputAndErrorFiles() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let admin = AdminClient(client: client)
            let batches = BatchClient(client: client)
            let key = try await admin.generateKey(["models": ["claude"]])
            let input = (0..<4).map { BatchClient.line("ok-\($0)", "line number \($0)") }
            let id = try await batches.submit(
                Array(input[0..<2]) + [BatchClient.line("refused", "not for this key", model: "claude-private")] + Array(input[2...]), key: key
            )
            #expect(id.hasPrefix("batch_"))
            let batch = try await batches.finished(id, key: key)
            #expect(batch["status"] as? String == "completed")
            #expect(BatchClient.counts(batch) == [5, 4, 1])
            #expect(batch["object"] as? String == "batch")
            #expect(batch["endpoint"] as? String == "/v1/chat/completions")
            for field in ["in_progress_at", "finalizing_at", "completed_at"] { #expect(batch[field] is Int, "\(field)") }
            for field in ["failed_at", "expired_at", "cancelling_at", "cancelled_at", "errors", "model"] { #expect(batch[field] is NSNull, "\(field)") }

            let output = try await batches.lines(ofFile: batch["output_file_id"], key: key)
            #expect(output.map { $0["custom_id"] as? String } == ["ok-0", "ok-1", "ok-2", "ok-3"])
            for (index, line) in output.enumerated() {
                let response = try #require(line["response"] as? [String: Any])
                #expect(response["status_code"] as? Int == 200)
                #expect((line["id"] as? String)?.hasPrefix("batch_req_") == true)
                #expect(line["error"] is NSNull)
                let body = try #require(response["body"] as? [String: Any])
                #expect(body["object"] as? String == "chat.completion")
                let content = ((body["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"] as? String
                #expect(content?.contains("line number \(index)") == true)
            }
            let errors = try await batches.lines(ofFile: batch["error_file_id"], key: key)
            #expect(errors.map { $0["custom_id"] as? String } == ["refused"])
            let refusal = try #require(errors.first?["response"] as? [String: Any])
            #expect(refusal["status_code"] as? Int == 403)
            #expect(((refusal["body"] as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "model_not_allowed")

            // Each allowed line reached Anthropic once, in Anthropic's format; the refused one never.
            let sent = upstream.requests.map { $0.json }
            #expect(sent.count == 4)
            #expect(Set(sent.compactMap { ($0["messages"] as? [[String: Any]])?.first?["content"] as? String }) == Set((0..<4).map { "line number \($0)" }))
            #expect(sent.allSatisfy { $0["model"] as? String == "claude-sonnet-4-5" })
            #expect(upstream.requests.allSatisfy { $0.path == "/v1/messages" && $0.headers["anthropic-version"] != nil })
            // The usage the answers reported, summed on the batch.
            let usage = try #require(batch["usage"] as? [String: Any])
            let reported = output.compactMap { (($0["response"] as? [String: Any])?["body"] as? [String: Any])?["usage"] as? [String: Any] }
            #expect(usage["input_tokens"] as? Int == reported.compactMap { $0["prompt_tokens"] as? Int }.reduce(0, +))
            #expect(usage["output_tokens"] as? Int == reported.compactMap { $0["completion_tokens"] as? Int }.reduce(0, +))
            #expect((usage["input_tokens"] as? Int ?? 0) > 0)

            // Each line that ran logged once as a batch call tagged with the batch, at half the
            // list price (the refused one was refused at admission, which logs nothing, as for
            // any request).
            let rows = try await admin.spendLogs("tag=batch%3A\(id)", count: 4)
            #expect(Set(rows.compactMap { $0["call_type"] as? String }) == ["batch/chat/completions"])
            #expect(rows.allSatisfy { $0["api_key"] as? String == KeySecret.hash(key) })
            let answered = rows.filter { $0["status_code"] as? Int == 200 }
            #expect(answered.count == 4 && rows.count == 4)
            for row in answered {
                let list = row["list_cost"] as? Double ?? 0
                #expect(list > 0)
                #expect(abs((row["spend"] as? Double ?? 0) - list / 2) < 1e-12)
                #expect(row["billing_multiplier"] as? Double == 0.5)
            }
            let spent = try await admin.keyInfo(key)["spend"] as? Double ?? 0  // the files calls cost nothing
            #expect(abs(spent - answered.compactMap { $0["spend"] as? Double }.reduce(0, +)) < 1e-9)
        }
    }

    @Test func aBatchIsItsKeysAndItsTeamsAndEveryAdminsOnly() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let admin = AdminClient(client: client)
            let batches = BatchClient(client: client)
            let team = try await admin.post("/team/new", ["team_alias": "research"]).body.json["team_id"] as? String ?? ""
            let owner = try await admin.generateKey(["team_id": team])
            let teammate = try await admin.generateKey(["team_id": team])
            let stranger = try await admin.generateKey()
            let id = try await batches.submit([BatchClient.line("a", "mine")], key: owner)
            _ = try await batches.finished(id, key: owner)
            #expect(try await batches.retrieve(id, key: teammate).status == .ok)
            #expect(try await batches.retrieve(id).status == .ok)
            let hidden = try await batches.retrieve(id, key: stranger)
            #expect(hidden.status == .notFound)
            #expect(AdminClient.error(hidden)["code"] as? String == "batch_not_found")
            #expect(try await batches.cancel(id, key: stranger).status == .notFound)
            #expect(Self.ids(try await batches.list(key: stranger)).isEmpty)
            #expect(Self.ids(try await batches.list(key: teammate)) == [id])
            #expect(Self.ids(try await batches.list()) == [id])
            // The output file is the batch owner's too.
            let batch = try await batches.retrieve(id, key: owner).body.json
            #expect(try await FilesClient(client: client).get("/v1/files/\(batch["output_file_id"] as? String ?? "")/content", key: stranger).status == .notFound)
        }
    }

    @Test func listsRunNewestFirstAPageAtATime() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let batches = BatchClient(client: client)
            let file = try await batches.upload([BatchClient.line("a", "x")])
            var made: [String] = []
            for _ in 0..<3 { made.append(try await batches.create(inputFileID: file).body.json["id"] as? String ?? "") }
            let first = try await batches.list("?limit=2")
            #expect(Self.ids(first) == [made[2], made[1]])
            #expect(first.body.json["has_more"] as? Bool == true)
            #expect(first.body.json["first_id"] as? String == made[2])
            #expect(first.body.json["last_id"] as? String == made[1])
            let next = try await batches.list("?limit=2&after=\(made[1])")
            #expect(Self.ids(next) == [made[0]])
            #expect(next.body.json["has_more"] as? Bool == false)
            #expect(try await batches.list("?limit=0").status == .badRequest)
            for prefix in ["", "/api"] {
                let answer = try await client.execute(uri: "\(prefix)/v1/batches/\(made[0])", method: .get, headers: [.authorization: "Bearer sk-master-123"])
                #expect(answer.status == .ok)
            }
            let bare = try await client.execute(uri: "/batches", method: .get, headers: [.authorization: "Bearer sk-master-123"])
            #expect(Self.ids(bare).count == 3)
        }
    }

    @Test func aBadRequestIsRefusedAtOnceAndABadFileFailsTheBatchNamingItsLines() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let batches = BatchClient(client: client)
            let good = try await batches.upload([BatchClient.line("a", "x")])
            let wrongPurpose = try await batches.upload([BatchClient.line("a", "x")], purpose: "user_data")
            let refusals: [(TestResponse, HTTPResponse.Status, String?)] = [
                (try await batches.create(inputFileID: "file-unknown"), .notFound, "input_file_id"),
                (try await batches.create(inputFileID: wrongPurpose), .badRequest, "input_file_id"),
                (try await batches.create(inputFileID: good, endpoint: "/v1/images/edits"), .badRequest, "endpoint"),
                (try await batches.create(inputFileID: good, extra: ["completion_window": "1h"]), .badRequest, "completion_window"),
                (try await batches.create(inputFileID: good, extra: ["metadata": ["k": 1]]), .badRequest, "metadata.k"),
            ]
            for (answer, status, param) in refusals {
                #expect(answer.status == status, "\(String(buffer: answer.body))")
                #expect(AdminClient.error(answer)["param"] as? String == param)
            }
            let bad = try await batches.upload([
                BatchClient.line("a", "fine"),
                "{not json",
                BatchClient.line("b", "wrong url", url: "/v1/embeddings"),
                BatchClient.line("a", "again"),
            ])
            let created = try await batches.create(inputFileID: bad, extra: ["metadata": ["run": "nightly"]])
            #expect(created.status == .ok)
            #expect(created.body.json["status"] as? String == "validating")
            #expect(created.body.json["metadata"] as? [String: String] == ["run": "nightly"])
            let batch = try await batches.finished(created.body.json["id"] as? String ?? "")
            #expect(batch["status"] as? String == "failed")
            #expect(batch["failed_at"] is Int)
            #expect(batch["output_file_id"] is NSNull)
            let errors = (batch["errors"] as? [String: Any])?["data"] as? [[String: Any]] ?? []
            #expect(errors.map { "\($0["line"] as? Int ?? 0) \($0["code"] as? String ?? "")" } == ["2 invalid_json_line", "3 invalid_url", "4 duplicate_custom_id"])
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test func cancelStartsNoLineAndEndsWithTheFilesOfWhatRan() async throws {
        // Every line hangs until its 1 s timeout: the two running when the cancel comes end
        // as 504s; none of the others starts.
        let upstream = try await FakeAnthropicUpstream.start(.hang)
        defer { Task { await upstream.stop() } }
        let config = try Self.config(upstream, deployment: ", timeout: 1, max_retries: 0", settings: "  batch_concurrency: 2")
        try await withGateway(config) { client in
            let batches = BatchClient(client: client)
            let id = try await batches.submit((0..<6).map { BatchClient.line("c-\($0)", "hang \($0)") })
            _ = try await batches.wait(id) { $0["status"] as? String == "in_progress" }
            let deadline = ContinuousClock.now + .seconds(5)
            while upstream.requests.count < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            let cancelling = try await batches.cancel(id)
            #expect(cancelling.status == .ok)
            #expect(cancelling.body.json["status"] as? String == "cancelling")
            #expect(cancelling.body.json["cancelling_at"] is Int)
            let batch = try await batches.finished(id)
            #expect(batch["status"] as? String == "cancelled")
            #expect(batch["cancelled_at"] is Int)
            #expect(BatchClient.counts(batch) == [6, 0, 2])
            #expect(upstream.requests.count == 2)
            let errors = try await batches.lines(ofFile: batch["error_file_id"])
            #expect(errors.compactMap { ($0["response"] as? [String: Any])?["status_code"] as? Int } == [504, 504])
            #expect(batch["output_file_id"] is NSNull)
            // Cancelling again answers the batch as it is; a finished one cannot be cancelled.
            #expect(try await batches.cancel(id).body.json["status"] as? String == "cancelled")
        }
    }

    @Test func theFilesAreWrittenPastTheOwnersStorageLimitAndCountAsStored() async throws {
        let upstream = try await FakeAnthropicUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let admin = AdminClient(client: client)
            let batches = BatchClient(client: client)
            let key = try await admin.generateKey(["max_storage_bytes": 1000])
            let id = try await batches.submit((0..<4).map { BatchClient.line("s-\($0)", "fill the storage \($0)") }, key: key)
            let batch = try await batches.finished(id, key: key)
            #expect(batch["status"] as? String == "completed")
            let output = try #require(batch["output_file_id"] as? String)
            let listed = try await FilesClient(client: client).get("/v1/files/\(output)", key: key)
            let bytes = listed.body.json["bytes"] as? Int ?? 0
            #expect(listed.body.json["purpose"] as? String == "batch_output")
            #expect(bytes > 1000)
            #expect((listed.storageUsed ?? 0) > 1000 && listed.storageLimit == 1000)
            // Uploads are refused again until the key makes room.
            let refused = try await FilesClient(client: client).upload([1, 2, 3], key: key)
            #expect(refused.status == .contentTooLarge)
        }
    }

    @Test(arguments: [
        ("/v1/embeddings", #"{"model":"mock","input":"embed me"}"#, "list"),
        ("/v1/completions", #"{"model":"mock","prompt":"complete me","max_tokens":5}"#, "text_completion"),
        ("/v1/responses", #"{"model":"mock","input":"respond to me"}"#, "response"),
    ])
    func everyBatchEndpointRunsItsOperation(endpoint: String, body: String, object: String) async throws {
        try await withGateway(try FilesRoutesTests.config("  batch_poll_interval: 0.05")) { client in
            let batches = BatchClient(client: client)
            let line = #"{"custom_id":"one","method":"POST","url":"\#(endpoint)","body":\#(body)}"#
            let file = try await batches.upload([line])
            let created = try await batches.create(inputFileID: file, endpoint: endpoint)
            let batch = try await batches.finished(created.body.json["id"] as? String ?? "")
            #expect(batch["status"] as? String == "completed")
            #expect(BatchClient.counts(batch) == [1, 1, 0])
            #expect(batch["model"] as? String == "mock")
            let output = try await batches.lines(ofFile: batch["output_file_id"])
            #expect((((output.first?["response"] as? [String: Any])?["body"]) as? [String: Any])?["object"] as? String == object)
            let rows = try await AdminClient(client: client).spendLogs("tag=batch%3A\(batch["id"] as? String ?? "")", count: 1)
            #expect(rows.first?["call_type"] as? String == "batch/" + endpoint.dropFirst("/v1/".count))
        }
    }

    static func ids(_ response: TestResponse) -> [String] {
        (response.body.json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
}
