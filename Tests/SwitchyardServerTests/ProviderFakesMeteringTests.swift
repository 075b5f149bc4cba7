import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// What the gateway keeps and what it forwards, checked against the independent fakes: the
/// usage each provider reports (by the fakes' rules: words in, reply pieces out) is what the
/// spend log shows, and the caller's gateway key never reaches a provider.
@Suite struct ProviderFakesMeteringTests {
    static let settings = """
        general_settings:
          master_key: sk-master-123
          proxy_batch_write_at: 0.05
        """

    @Test func eachProvidersReportedStreamUsageIsWhatTheSpendLogShows() async throws {
        let anthropic = try await FakeAnthropicUpstream.start()
        let gemini = try await FakeGeminiUpstream.start()
        defer { Task { await anthropic.stop(); await gemini.stop() } }
        try await withGateway(try ProviderFakesTests.config(anthropic: anthropic, gemini: gemini, settings: Self.settings)) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey()
            let calls: [(path: String, body: String)] = [
                ("/v1/chat/completions", #"{"model":"claude","stream":true,"messages":[{"role":"user","content":"tell me a story"}]}"#),
                ("/v1/messages", #"{"model":"claude","max_tokens":32,"stream":true,"messages":[{"role":"user","content":"one two three"}]}"#),
                ("/v1beta/models/flash:streamGenerateContent?alt=sse", #"{"contents":[{"role":"user","parts":[{"text":"alpha beta"}]}]}"#),
                ("/v1/chat/completions", #"{"model":"flash","stream":true,"messages":[{"role":"user","content":"five little words right here"}]}"#),
            ]
            for call in calls {
                let response = try await client.execute(
                    uri: call.path, method: .post, headers: [.authorization: "Bearer \(key)", .contentType: "application/json"], body: ByteBuffer(string: call.body)
                )
                #expect(response.status == .ok, "\(call.path): \(String(buffer: response.body))")
            }
            // Rows reach the store at the next batch write (every 0.05 s here).
            var logs = try await admin.get("/spend/logs?api_key=\(key)")
            let deadline = ContinuousClock.now + .seconds(10)
            while logs.body.json["total"] as? Int != calls.count, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                logs = try await admin.get("/spend/logs?api_key=\(key)")
            }
            let rows = (logs.body.json["data"] as? [[String: Any]] ?? []).reversed()
            let counts = rows.map { "\($0["model_group"] as? String ?? "?") \($0["prompt_tokens"] as? Int ?? -1)/\($0["completion_tokens"] as? Int ?? -1)" }
            #expect(counts == ["claude 4/6", "claude 3/5", "flash 2/4", "flash 5/7"])
        }
    }

    @Test func theCallersGatewayKeyNeverReachesTheProvider() async throws {
        let anthropic = try await FakeAnthropicUpstream.start()
        let gemini = try await FakeGeminiUpstream.start()
        defer { Task { await anthropic.stop(); await gemini.stop() } }
        try await withGateway(try ProviderFakesTests.config(anthropic: anthropic, gemini: gemini, settings: Self.settings)) { client in
            let key = try await AdminClient(client: client).generateKey()
            let anthropicHeaders: HTTPFields = [
                HTTPField.Name("x-api-key")!: key, HTTPField.Name("anthropic-version")!: "2023-06-01",
                HTTPField.Name("anthropic-beta")!: "token-efficient-tools-2025-02-19", .contentType: "application/json",
            ]
            let messages = try await client.execute(
                uri: "/v1/messages", method: .post, headers: anthropicHeaders,
                body: ByteBuffer(string: #"{"model":"claude","max_tokens":32,"messages":[{"role":"user","content":"hi"}]}"#)
            )
            #expect(messages.status == .ok)
            let generate = #"{"contents":[{"parts":[{"text":"hi"}]}]}"#
            let byHeader = try await client.execute(
                uri: "/v1beta/models/flash:generateContent", method: .post,
                headers: [HTTPField.Name("x-goog-api-key")!: key, .contentType: "application/json"], body: ByteBuffer(string: generate)
            )
            #expect(byHeader.status == .ok)
            let byQuery = try await client.execute(
                uri: "/v1beta/models/flash:generateContent?key=\(key)", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: generate)
            )
            #expect(byQuery.status == .ok)
        }
        let sentToAnthropic = try #require(anthropic.requests.first)
        #expect(sentToAnthropic.headers["x-api-key"] == "sk-ant-fake")
        #expect(sentToAnthropic.headers["anthropic-beta"] == "token-efficient-tools-2025-02-19")
        #expect(sentToAnthropic.headers["authorization"] == nil)
        #expect(gemini.requests.count == 2)
        for request in gemini.requests {
            #expect(request.headers["x-goog-api-key"] == "gemini-fake-key")
            #expect(request.path == "/v1beta/models/gemini-2.5-flash:generateContent")
        }
    }
}
