import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// Silent and stalled providers, against the independent fakes: a translated stream reaches
/// the client event by event (nothing waits for the provider to finish), and a provider that
/// never answers times out in the caller's envelope.
@Suite struct ProviderFakesStallTests {
    /// Streams `body` from the live gateway until the text read so far contains `needle`;
    /// fails after 10 s rather than hanging the suite.
    static func readUntil(_ needle: String, gateway: RunningServer, body: String) async throws -> String {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { Task { try? await client.shutdown() } }
        var request = HTTPClientRequest(url: gateway.baseURL + "/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let prepared = request
        return try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask {
                let response = try await client.execute(prepared, timeout: .seconds(10))
                var text = ""
                for try await chunk in response.body {
                    text += String(buffer: chunk)
                    if text.contains(needle) { return text }
                }
                return text
            }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                return "(nothing within 10 s)"
            }
            defer { group.cancelAll() }
            return try await group.next() ?? ""
        }
    }

    @Test(arguments: ["claude", "flash"])
    func aTranslatedStreamDeliversTheFirstEventWhileTheProviderStalls(model: String) async throws {
        let anthropic = try await FakeAnthropicUpstream.start(.stallAfterFirstEvent)
        let gemini = try await FakeGeminiUpstream.start(.stallAfterFirstEvent)
        defer { Task { await anthropic.stop(); await gemini.stop() } }
        // The Anthropic fake stalls after `message_start` (the role), the Gemini fake after
        // its first text chunk.
        let needle = model == "claude" ? #""role":"assistant""# : #""content":"Gemini""#
        try await withLiveGateway(try ProviderFakesTests.config(anthropic: anthropic, gemini: gemini)) { gateway in
            let text = try await Self.readUntil(needle, gateway: gateway, body: #"{"model":"\#(model)","stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(text.contains(needle), "\(text)")
            #expect(!text.contains("[DONE]"))
        }
    }

    @Test func aSilentGeminiTimesOutInGooglesEnvelope() async throws {
        let gemini = try await FakeGeminiUpstream.start(.hang)
        defer { Task { await gemini.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: flash
                litellm_params: {model: gemini/gemini-2.5-flash, api_base: "\(gemini.baseURL)", api_key: k, timeout: 0.3}
            """)
        try await withGateway(config) { client in
            let native = try await ProviderFakesTests.post(client, "/v1beta/models/flash:generateContent", #"{"contents":[{"parts":[{"text":"hi"}]}]}"#)
            #expect(native.status == .gatewayTimeout)
            #expect(ProviderFakesTests.error(native)["status"] as? String == "DEADLINE_EXCEEDED")
            let openAI = try await ProviderFakesTests.post(client, "/v1/chat/completions", #"{"model":"flash","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(openAI.status == .gatewayTimeout)
            #expect(ProviderFakesTests.error(openAI)["code"] as? String == "upstream_timeout")
        }
    }
}
