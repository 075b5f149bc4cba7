import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// Every client dialect against every provider dialect: each provider is an independent fake
/// speaking its own documented wire format (OpenAI, Anthropic, Gemini), plus the in-process
/// mock. The fakes' journals show what the gateway sent each one.
@Suite struct DialectMatrixTests {
    enum Client: String, CaseIterable { case openAI, anthropic, gemini }

    static let providers = ["via-openai", "via-anthropic", "via-gemini", "in-process"]

    /// The fake upstreams behind one matrix gateway.
    struct Upstreams: Sendable {
        let openAI: FakeOpenAIUpstream
        let anthropic: FakeAnthropicUpstream
        let gemini: FakeGeminiUpstream

        /// What the fake behind `provider` received (nothing for the in-process mock).
        func received(by provider: String) -> [RecordedRequest] {
            switch provider {
            case "via-openai": openAI.requests
            case "via-anthropic": anthropic.requests
            case "via-gemini": gemini.requests
            default: []
            }
        }

        func stop() async {
            await openAI.stop()
            await anthropic.stop()
            await gemini.stop()
        }
    }

    static func config(_ upstreams: Upstreams) throws -> GatewayConfig {
        try TestConfig.load("""
            model_list:
              - model_name: via-openai
                litellm_params: {model: openai/gpt-4o, api_base: "\(upstreams.openAI.baseURL)", api_key: sk-openai-fake}
              - model_name: via-anthropic
                litellm_params: {model: anthropic/claude-sonnet-4-5, api_base: "\(upstreams.anthropic.baseURL)", api_key: sk-ant-fake}
              - model_name: via-gemini
                litellm_params: {model: gemini/gemini-2.5-flash, api_base: "\(upstreams.gemini.baseURL)", api_key: gemini-fake-key}
              - model_name: in-process
                litellm_params: {model: mock/m}
            """)
    }

    static func withMatrix(_ test: @Sendable (any TestClientProtocol, Upstreams) async throws -> Void) async throws {
        let upstreams = Upstreams(
            openAI: try await FakeOpenAIUpstream.start(),
            anthropic: try await FakeAnthropicUpstream.start(),
            gemini: try await FakeGeminiUpstream.start()
        )
        defer { Task { await upstreams.stop() } }
        try await withGateway(try config(upstreams)) { gateway in try await test(gateway, upstreams) }
    }

    /// The reply each provider gives `text` by its own rules: the OpenAI fake's fixed words, the
    /// Anthropic and Gemini fakes' echo, the mock model's reply.
    static func expectedReply(_ provider: String, to text: String) -> String {
        switch provider {
        case "via-openai": "Hello from the fake upstream"
        case "via-anthropic": "Anthropic heard: \(text)"
        case "via-gemini": "Gemini heard: \(text)"
        default: "Switchyard mock reply to: \(text)"
        }
    }

    /// The system prompt where each provider's format puts it: OpenAI's first `system` message,
    /// Anthropic's top-level `system`, Gemini's `systemInstruction`.
    static func systemPrompt(_ provider: String, in request: RecordedRequest) -> String? {
        let json = request.json
        switch provider {
        case "via-openai":
            let messages = json["messages"] as? [[String: Any]] ?? []
            return messages.first { $0["role"] as? String == "system" }?["content"] as? String
        case "via-anthropic":
            if let text = json["system"] as? String { return text }
            return (json["system"] as? [[String: Any]])?.compactMap { $0["text"] as? String }.joined()
        default:
            return ((json["systemInstruction"] as? [String: Any])?["parts"] as? [[String: Any]])?.compactMap { $0["text"] as? String }.joined()
        }
    }

    /// Checks the one request that reached `provider`'s fake: its path and key header, that it
    /// streams when the client did, that the user's text and the system prompt arrived in that
    /// format, that Anthropic got its required `max_tokens`, and that a client of the provider's
    /// own dialect was passed through with only the model changed.
    static func expectUpstreamReceived(_ client: Client, _ provider: String, sent: String, text: String, stream: Bool, upstreams: Upstreams) throws {
        guard provider != "in-process" else { return }
        let received = upstreams.received(by: provider)
        #expect(received.count == 1)
        let request = try #require(received.last)
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body.contains(text))
        #expect(systemPrompt(provider, in: request) == "Be brief.")
        switch provider {
        case "via-openai":
            #expect(request.path == "/v1/chat/completions")
            #expect(request.headers["authorization"] == "Bearer sk-openai-fake")
            #expect((request.json["stream"] as? Bool ?? false) == stream)
        case "via-anthropic":
            #expect(request.path == "/v1/messages")
            #expect(request.headers["x-api-key"] == "sk-ant-fake")
            #expect(request.json["max_tokens"] is Int)
            #expect((request.json["stream"] as? Bool ?? false) == stream)
            if client == .anthropic { #expect(body == sent.replacingOccurrences(of: #""model":"via-anthropic""#, with: #""model":"claude-sonnet-4-5""#)) }
        default:
            let method = stream ? "streamGenerateContent?alt=sse" : "generateContent"
            #expect(request.path == "/v1beta/models/gemini-2.5-flash:\(method)")
            #expect(request.headers["x-goog-api-key"] == "gemini-fake-key")
            if client == .gemini { #expect(body == sent) }
        }
    }

    static func request(_ client: Client, model: String, text: String, stream: Bool) -> (String, String) {
        switch client {
        case .openAI:
            let usage = stream ? #","stream_options":{"include_usage":true}"# : ""
            return ("/v1/chat/completions", #"{"model":"\#(model)","stream":\#(stream)\#(usage),"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"\#(text)"}]}"#)
        case .anthropic:
            return ("/v1/messages", #"{"model":"\#(model)","max_tokens":256,"stream":\#(stream),"system":"Be brief.","messages":[{"role":"user","content":"\#(text)"}]}"#)
        case .gemini:
            let method = stream ? "streamGenerateContent?alt=sse" : "generateContent"
            return ("/v1beta/models/\(model):\(method)", #"{"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":"\#(text)"}]}]}"#)
        }
    }

    /// The reply text in the client's own response shape.
    static func replyText(_ client: Client, _ body: ByteBuffer) -> String? {
        let json = body.json
        switch client {
        case .openAI:
            return ((json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"] as? String
        case .anthropic:
            return (json["content"] as? [[String: Any]])?.compactMap { $0["text"] as? String }.joined()
        case .gemini:
            let parts = (((json["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])?["parts"] as? [[String: Any]])
            return parts?.compactMap { $0["text"] as? String }.joined()
        }
    }

    /// The streamed text reassembled from the client's own event shapes, and the event types seen.
    static func streamedText(_ client: Client, _ body: ByteBuffer) -> (text: String, kinds: [String]) {
        var text = ""
        var kinds: [String] = []
        for event in String(buffer: body).replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n") {
            guard let line = event.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }) else { continue }
            let payload = line.dropFirst(6)
            if payload == "[DONE]" {
                kinds.append("[DONE]")
                continue
            }
            let json = ByteBuffer(string: String(payload)).json
            switch client {
            case .openAI:
                kinds.append("chunk")
                text += (((json["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String) ?? ""
            case .anthropic:
                kinds.append(json["type"] as? String ?? "?")
                text += ((json["delta"] as? [String: Any])?["text"] as? String) ?? ""
            case .gemini:
                kinds.append("chunk")
                text += replyText(.gemini, ByteBuffer(string: String(payload))) ?? ""
            }
        }
        return (text, kinds)
    }

    @Test(arguments: Client.allCases, providers)
    func textAnswersCrossEveryDialect(client: Client, provider: String) async throws {
        try await Self.withMatrix { gateway, upstreams in
            let (path, body) = Self.request(client, model: provider, text: "hello across dialects", stream: false)
            let response = try await gateway.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(Self.replyText(client, response.body) == Self.expectedReply(provider, to: "hello across dialects"))
            try Self.expectUpstreamReceived(client, provider, sent: body, text: "hello across dialects", stream: false, upstreams: upstreams)
        }
    }

    @Test(arguments: Client.allCases, providers)
    func streamsCrossEveryDialectInOrder(client: Client, provider: String) async throws {
        try await Self.withMatrix { gateway, upstreams in
            let (path, body) = Self.request(client, model: provider, text: "stream across dialects", stream: true)
            let response = try await gateway.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            let (text, kinds) = Self.streamedText(client, response.body)
            #expect(text == Self.expectedReply(provider, to: "stream across dialects"))
            switch client {
            case .openAI:
                #expect(kinds.last == "[DONE]")
            case .anthropic:
                #expect(kinds.first == "message_start")
                #expect(kinds.suffix(3) == ["content_block_stop", "message_delta", "message_stop"])
                #expect(kinds.contains("content_block_start"))
            case .gemini:
                #expect(!kinds.contains("[DONE]"))
                #expect(kinds.count >= 3)
            }
            try Self.expectUpstreamReceived(client, provider, sent: body, text: "stream across dialects", stream: true, upstreams: upstreams)
        }
    }

    @Test func errorsUseTheCallersEnvelope() async throws {
        try await Self.withMatrix { gateway, upstreams in
            let anthropic = try await gateway.execute(
                uri: "/v1/messages", method: .post, body: ByteBuffer(string: #"{"model":"nope","max_tokens":5,"messages":[{"role":"user","content":"x"}]}"#)
            )
            #expect(anthropic.status == .notFound)
            #expect(anthropic.body.json["type"] as? String == "error")
            #expect((anthropic.body.json["error"] as? [String: Any])?["type"] as? String == "not_found_error")
            let gemini = try await gateway.execute(uri: "/v1beta/models/nope:generateContent", method: .post, body: ByteBuffer(string: #"{"contents":[]}"#))
            #expect(gemini.status == .notFound)
            #expect((gemini.body.json["error"] as? [String: Any])?["status"] as? String == "NOT_FOUND")
            upstreams.anthropic.setBehavior(.error(status: 429, message: "Number of request tokens has exceeded your per-minute rate limit"))
            let upstreamError = try await gateway.execute(
                uri: "/v1/chat/completions", method: .post,
                body: ByteBuffer(string: #"{"model":"via-anthropic","messages":[{"role":"user","content":"x"}]}"#)
            )
            #expect(upstreamError.status == .tooManyRequests)
            #expect((upstreamError.body.json["error"] as? [String: Any])?["message"] as? String == "Number of request tokens has exceeded your per-minute rate limit")
            #expect(upstreams.anthropic.requests.count == 1)
            let malformed = try await gateway.execute(uri: "/v1/messages", method: .post, body: ByteBuffer(string: #"{"model": "via-anthropic", "max_tokens": 5}"#))
            #expect(malformed.status == .badRequest)
            #expect((malformed.body.json["error"] as? [String: Any])?["message"] as? String == "Missing required parameter: 'messages'.")
            #expect(upstreams.anthropic.requests.count == 1)
        }
    }

    @Test func toolCallsCrossFromOpenAIToAnthropicAndBack() async throws {
        try await Self.withMatrix { gateway, upstreams in
            upstreams.anthropic.setBehavior(.sequence([.toolCall(name: "get_weather", argumentsJSON: #"{"location":"Paris"}"#), .echo]))
            let tools = #"[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}]"#
            let first = try await gateway.execute(
                uri: "/v1/chat/completions", method: .post,
                body: ByteBuffer(string: #"{"model":"via-anthropic","tools":\#(tools),"messages":[{"role":"user","content":"weather?"}]}"#)
            )
            let choice = try #require((first.body.json["choices"] as? [[String: Any]])?.first)
            #expect(choice["finish_reason"] as? String == "tool_calls")
            let message = try #require(choice["message"] as? [String: Any])
            let call = try #require((message["tool_calls"] as? [[String: Any]])?.first)
            let function = try #require(call["function"] as? [String: Any])
            #expect(function["name"] as? String == "get_weather")
            #expect(function["arguments"] as? String == #"{"location":"Paris"}"#)
            let id = try #require(call["id"] as? String)
            #expect(id == FakeAnthropicWire.toolUseID)
            let second = try await gateway.execute(
                uri: "/v1/chat/completions", method: .post,
                body: ByteBuffer(string: #"{"model":"via-anthropic","tools":\#(tools),"messages":[{"role":"user","content":"weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"\#(id)","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"\#(id)","content":"sunny"}]}"#)
            )
            #expect(Self.replyText(.openAI, second.body) == "Anthropic heard: sunny")

            let received = upstreams.anthropic.requests
            try #require(received.count == 2)
            let tool = try #require((received[0].json["tools"] as? [[String: Any]])?.first)
            #expect(tool["name"] as? String == "get_weather")
            #expect((tool["input_schema"] as? [String: Any])?["required"] as? [String] == ["location"])
            let turns = try #require(received[1].json["messages"] as? [[String: Any]])
            #expect(turns.map { $0["role"] as? String } == ["user", "assistant", "user"])
            let use = try #require((turns[1]["content"] as? [[String: Any]])?.first { $0["type"] as? String == "tool_use" })
            #expect(use["id"] as? String == id)
            #expect(use["input"] as? [String: String] == ["location": "Paris"])
            let result = try #require((turns[2]["content"] as? [[String: Any]])?.first { $0["type"] as? String == "tool_result" })
            #expect(result["tool_use_id"] as? String == id)
        }
    }
}
