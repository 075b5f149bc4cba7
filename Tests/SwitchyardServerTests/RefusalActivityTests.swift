import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// What the console's request log and activity page read: a blocked key's refused requests
/// are logged (401), and guardrail blocks are counted in `/metrics`.
@Suite struct RefusalActivityTests {
    @Test func aBlockedKeysRequestIsLoggedAsRefused() async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["key_alias": "stopped", "tags": ["team-a"]])
            #expect(try await admin.chat(key).status == .ok)
            #expect(try await admin.post("/key/block", ["key": key]).status == .ok)
            let refused = try await admin.chat(key)
            #expect(refused.status == .unauthorized)
            #expect(AdminClient.error(refused)["code"] as? String == "key_blocked")
            let rows = try await admin.spendLogs("api_key=\(key)", count: 2)
            let refusal = try #require(rows.first { $0["status_code"] as? Int == 401 })
            #expect(refusal["model_group"] as? String == "mock")
            #expect(refusal["key_alias"] as? String == "stopped")
            #expect(refusal["status"] as? String == "failure")
            #expect(refusal["spend"] as? Double == 0)
            #expect(refusal["request_tags"] as? [String] == ["team-a"])
        }
    }

    @Test func anUnknownKeyIsRefusedWithoutALogRow() async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let admin = AdminClient(client: client)
            #expect(try await admin.chat("sk-nobody-knows").status == .unauthorized)
            let key = try await admin.generateKey()
            #expect(try await admin.chat(key).status == .ok)
            // The one row is the known key's; the stranger's attempt wrote nothing.
            _ = try await admin.spendLogs("", count: 1)
        }
    }

    @Test func guardrailBlocksAreCountedByRoute() async throws {
        let config = try TestConfig.load(TestConfig.mockWithMasterKey + """

            guardrails:
              - guardrail_name: words
                litellm_params: {guardrail: content_filter, blocked_words: [zebra], default_on: true}
            """)
        try await withGateway(config) { client in
            let body = #"{"model":"mock","messages":[{"role":"user","content":"a zebra"}]}"#
            for _ in 0..<2 {
                let blocked = try await client.execute(
                    uri: "/v1/chat/completions", method: .post, headers: [.authorization: "Bearer sk-master-123", .contentType: "application/json"],
                    body: ByteBuffer(string: body)
                )
                #expect(blocked.status == .forbidden)
            }
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            let line = metrics.split(separator: "\n").first { $0.hasPrefix("switchyard_guardrail_blocks_total{") }
            #expect(line?.hasSuffix(" 2") == true, "\(line ?? "no line")")
        }
    }
}
