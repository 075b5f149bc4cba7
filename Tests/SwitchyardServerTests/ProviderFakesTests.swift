import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// The gateway against the independent Anthropic and Gemini fakes, through its HTTP surface:
/// what the client gets back, and what the fakes' journals show went upstream. Expected
/// token counts follow the fakes' documented rules (words in, pieces out).
@Suite struct ProviderFakesTests {
    /// `claude` on the Anthropic fake (keyed with `anthropicKey`, none when nil); `flash` and
    /// `embedder` on the Gemini fake; `settings` appended as top-level YAML.
    static func config(
        anthropic: FakeAnthropicUpstream? = nil, gemini: FakeGeminiUpstream? = nil, anthropicKey: String? = "sk-ant-fake", settings: String = ""
    ) throws -> GatewayConfig {
        var yaml = "model_list:\n"
        if let anthropic {
            yaml += "  - model_name: claude\n    litellm_params: {model: anthropic/claude-sonnet-4-5, api_base: \"\(anthropic.baseURL)\"\(anthropicKey.map { ", api_key: \($0)" } ?? "")}\n"
        }
        if let gemini {
            yaml += "  - model_name: flash\n    litellm_params: {model: gemini/gemini-2.5-flash, api_base: \"\(gemini.baseURL)\", api_key: gemini-fake-key}\n"
            yaml += "  - model_name: embedder\n    litellm_params: {model: gemini/text-embedding-004, api_base: \"\(gemini.baseURL)\", api_key: gemini-fake-key}\n"
        }
        return try TestConfig.load(yaml + settings)
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    /// The JSON of each `data:` event of an SSE body, `[DONE]` left out.
    static func events(_ body: ByteBuffer) -> [[String: Any]] {
        String(buffer: body).replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").compactMap { event in
            guard let line = event.split(separator: "\n").first(where: { $0.hasPrefix("data: {") }) else { return nil }
            return ByteBuffer(string: String(line.dropFirst(6))).json
        }
    }

    static func error(_ response: TestResponse) -> [String: Any] {
        response.body.json["error"] as? [String: Any] ?? [:]
    }

    @Test func anOpenAIStreamFromAnthropicCarriesTheTextAndEndsWithUsage() async throws {
        let anthropic = try await FakeAnthropicUpstream.start()
        defer { Task { await anthropic.stop() } }
        try await withGateway(try Self.config(anthropic: anthropic)) { client in
            let response = try await Self.post(client, "/v1/chat/completions", #"{"model":"claude","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"system","content":"Answer in one line."},{"role":"user","content":"tell me a story"}]}"#)
            #expect(response.status == .ok)
            let chunks = Self.events(response.body)
            let text = chunks.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String }.joined()
            #expect(text == "Anthropic heard: tell me a story")
            #expect(String(buffer: response.body).hasSuffix("data: [DONE]\n\n"))
            let last = try #require(chunks.last)
            #expect((last["choices"] as? [Any])?.isEmpty == true)
            // 4 words of system prompt + 4 of user text in; 6 reply words out.
            let usage = try #require(last["usage"] as? [String: Any])
            #expect(usage["prompt_tokens"] as? Int == 8)
            #expect(usage["completion_tokens"] as? Int == 6)
            #expect(usage["total_tokens"] as? Int == 14)
        }
        let sent = try #require(anthropic.requests.first)
        #expect(sent.path == "/v1/messages")
        #expect(sent.headers["x-api-key"] == "sk-ant-fake")
        #expect(sent.headers["anthropic-version"] == "2023-06-01")
        #expect(sent.headers["authorization"] == nil)
        #expect(sent.json["model"] as? String == "claude-sonnet-4-5")
        #expect(sent.json["max_tokens"] as? Int == 4096)
        #expect(sent.json["stream"] as? Bool == true)
        #expect(sent.json["stream_options"] == nil)
        #expect(FakeAnthropicUpstream.texts(in: sent.json) == ["Answer in one line.", "tell me a story"])
        let messages = try #require(sent.json["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["user"])
    }

    @Test func anOpenAIStreamFromGeminiEndsWithTheLastChunksUsage() async throws {
        let gemini = try await FakeGeminiUpstream.start()
        defer { Task { await gemini.stop() } }
        try await withGateway(try Self.config(gemini: gemini)) { client in
            let response = try await Self.post(client, "/v1/chat/completions", #"{"model":"flash","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"count these five words please"}]}"#)
            let chunks = Self.events(response.body)
            let text = chunks.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String }.joined()
            #expect(text == "Gemini heard: count these five words please")
            // Gemini reports the prompt on every chunk; the totals come with the last one.
            let usage = try #require(chunks.last?["usage"] as? [String: Any])
            #expect(usage["prompt_tokens"] as? Int == 5)
            #expect(usage["completion_tokens"] as? Int == 7)
            #expect(usage["total_tokens"] as? Int == 12)
        }
    }

    @Test func anAnthropicRateLimitReachesAnOpenAIClientAsA429InOpenAIsEnvelope() async throws {
        let anthropic = try await FakeAnthropicUpstream.start(.error(status: 429, message: "Number of request tokens has exceeded your per-minute rate limit", retryAfter: 7))
        defer { Task { await anthropic.stop() } }
        try await withGateway(try Self.config(anthropic: anthropic)) { client in
            let response = try await Self.post(client, "/v1/chat/completions", #"{"model":"claude","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(response.status == .tooManyRequests)
            #expect(Self.error(response)["type"] as? String == "rate_limit_error")
            #expect(Self.error(response)["message"] as? String == "Number of request tokens has exceeded your per-minute rate limit")
            #expect(response.headers[.retryAfter] == "7")
            #expect(response.body.json["type"] == nil)

            anthropic.setBehavior(.error(status: 529, message: "Overloaded"))
            let passedThrough = try await Self.post(client, "/v1/messages", #"{"model":"claude","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(passedThrough.status.code == 529)
            #expect(passedThrough.body.json["type"] as? String == "error")
            #expect(Self.error(passedThrough)["type"] as? String == "overloaded_error")
        }
    }

    @Test func anAnthropicErrorMidStreamEndsTheOpenAIStreamWithAnErrorEvent() async throws {
        let anthropic = try await FakeAnthropicUpstream.start(.midStreamError(status: 529, message: "Overloaded"))
        defer { Task { await anthropic.stop() } }
        try await withGateway(try Self.config(anthropic: anthropic)) { client in
            let response = try await Self.post(client, "/v1/chat/completions", #"{"model":"claude","stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(response.status == .ok)
            let events = Self.events(response.body)
            let text = events.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String }.joined()
            #expect(text == "Anthropic")
            let failure = try #require(events.last?["error"] as? [String: Any])
            #expect(failure["message"] as? String == "Overloaded")
            #expect(!String(buffer: response.body).contains("[DONE]"))
        }
    }

    @Test func aDeploymentWithoutAKeyIsRefusedByAnthropicAndTheClientIsTold() async throws {
        let anthropic = try await FakeAnthropicUpstream.start()
        defer { Task { await anthropic.stop() } }
        try await withGateway(try Self.config(anthropic: anthropic, anthropicKey: nil)) { client in
            let response = try await Self.post(client, "/v1/chat/completions", #"{"model":"claude","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(response.status == .unauthorized)
            #expect(Self.error(response)["message"] as? String == "x-api-key header is required")
        }
        #expect(anthropic.requests.first?.headers["x-api-key"] == nil)
    }

    @Test func anAnthropicClientsCountTokensGoesThroughWithOnlyTheModelSwapped() async throws {
        let anthropic = try await FakeAnthropicUpstream.start()
        defer { Task { await anthropic.stop() } }
        let body = #"{"model":"claude","system":"You are terse.","messages":[{"role":"user","content":[{"type":"text","text":"how many tokens is this"}]}]}"#
        try await withGateway(try Self.config(anthropic: anthropic)) { client in
            let response = try await Self.post(client, "/v1/messages/count_tokens", body)
            #expect(response.status == .ok)
            #expect(response.body.json["input_tokens"] as? Int == 8)
        }
        let sent = try #require(anthropic.requests.first)
        #expect(sent.path == "/v1/messages/count_tokens")
        #expect(sent.headers["x-api-key"] == "sk-ant-fake")
        #expect(String(decoding: sent.body, as: UTF8.self) == body.replacingOccurrences(of: #""model":"claude""#, with: #""model":"claude-sonnet-4-5""#))
    }

    @Test func aGeminiClientsRequestsPassThroughUnchangedButForThePathsModel() async throws {
        let gemini = try await FakeGeminiUpstream.start()
        defer { Task { await gemini.stop() } }
        let generate = #"{"contents":[{"role":"user","parts":[{"text":"pass me through"}]}],"generationConfig":{"temperature":0.2}}"#
        let count = #"{"contents":[{"role":"user","parts":[{"text":"four words to count"}]}]}"#
        try await withGateway(try Self.config(gemini: gemini)) { client in
            let answer = try await Self.post(client, "/v1beta/models/flash:generateContent", generate)
            #expect(answer.status == .ok)
            #expect(answer.body.json["responseId"] as? String == FakeGeminiWire.responseID)
            let counted = try await Self.post(client, "/v1beta/models/flash:countTokens", count)
            #expect(counted.status == .ok)
            #expect(counted.body.json["totalTokens"] as? Int == 4)
        }
        let sent = gemini.requests
        try #require(sent.count == 2)
        #expect(sent[0].path == "/v1beta/models/gemini-2.5-flash:generateContent")
        #expect(String(decoding: sent[0].body, as: UTF8.self) == generate)
        #expect(sent[1].path == "/v1beta/models/gemini-2.5-flash:countTokens")
        #expect(String(decoding: sent[1].body, as: UTF8.self) == count)
        #expect(sent.allSatisfy { $0.headers["x-goog-api-key"] == "gemini-fake-key" })
    }

    @Test func aGeminiRateLimitKeepsItsRetryDelay() async throws {
        let gemini = try await FakeGeminiUpstream.start(.error(status: 429, message: "Resource has been exhausted (e.g. check quota).", retryAfter: 9))
        defer { Task { await gemini.stop() } }
        try await withGateway(try Self.config(gemini: gemini)) { client in
            let openAI = try await Self.post(client, "/v1/chat/completions", #"{"model":"flash","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(openAI.status == .tooManyRequests)
            #expect(Self.error(openAI)["message"] as? String == "Resource has been exhausted (e.g. check quota).")
            #expect(openAI.headers[.retryAfter] == "9")
            let native = try await Self.post(client, "/v1beta/models/flash:generateContent", #"{"contents":[{"parts":[{"text":"hi"}]}]}"#)
            #expect(native.status == .tooManyRequests)
            #expect(Self.error(native)["status"] as? String == "RESOURCE_EXHAUSTED")
        }
    }

    @Test func aGeminiClientsEmbeddingsReachTheUpstreamModel() async throws {
        let gemini = try await FakeGeminiUpstream.start()
        defer { Task { await gemini.stop() } }
        try await withGateway(try Self.config(gemini: gemini)) { client in
            let single = try await Self.post(client, "/v1beta/models/embedder:embedContent", #"{"content":{"parts":[{"text":"three little words"}]}}"#)
            #expect(single.status == .ok)
            #expect((single.body.json["embedding"] as? [String: Any])?["values"] as? [Double] == [3, 0.5, -0.25])
            let batch = try await Self.post(
                client, "/v1beta/models/embedder:batchEmbedContents",
                #"{"requests":[{"model":"models/embedder","content":{"parts":[{"text":"one"}]}},{"model":"models/embedder","content":{"parts":[{"text":"two words"}]}}]}"#
            )
            // The docs require each entry's model to match the path's: the gateway names the
            // deployment's model in both.
            #expect(batch.status == .ok, "\(String(buffer: batch.body))")
            let vectors = (batch.body.json["embeddings"] as? [[String: Any]])?.map { $0["values"] as? [Double] }
            #expect(vectors == [[1, 0.5, -0.25], [2, 0.5, -0.25]])
        }
        #expect(gemini.requests.first?.path == "/v1beta/models/text-embedding-004:embedContent")
        #expect(gemini.requests.last?.path == "/v1beta/models/text-embedding-004:batchEmbedContents")
        let entries = (gemini.requests.last?.json["requests"] as? [[String: Any]])?.compactMap { $0["model"] as? String }
        #expect(entries == ["models/text-embedding-004", "models/text-embedding-004"])
    }

    @Test func anOpenAIClientsEmbeddingsReachAGeminiDeploymentAsABatch() async throws {
        let gemini = try await FakeGeminiUpstream.start()
        defer { Task { await gemini.stop() } }
        try await withGateway(try Self.config(gemini: gemini)) { client in
            let answer = try await Self.post(client, "/v1/embeddings", #"{"model":"embedder","input":["three little words","two words"]}"#)
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            #expect(answer.body.json["object"] as? String == "list")
            #expect(answer.body.json["model"] as? String == "embedder")
            let data = answer.body.json["data"] as? [[String: Any]] ?? []
            #expect(data.map { $0["index"] as? Int } == [0, 1])
            #expect(data.map { $0["embedding"] as? [Double] } == [[3, 0.5, -0.25], [2, 0.5, -0.25]])
        }
        let sent = try #require(gemini.requests.last)
        #expect(sent.path == "/v1beta/models/text-embedding-004:batchEmbedContents")
        let entries = sent.json["requests"] as? [[String: Any]] ?? []
        #expect(entries.compactMap { $0["model"] as? String } == ["models/text-embedding-004", "models/text-embedding-004"])
    }
}
