import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// Every client dialect against every provider dialect, through the standalone mock provider
/// (which speaks OpenAI, Anthropic and Gemini on the wire) and the in-process mock.
@Suite struct DialectMatrixTests {
    enum Client: String, CaseIterable { case openAI, anthropic, gemini }

    static let providers = ["via-openai", "via-anthropic", "via-gemini", "in-process"]

    static func config(mockPort: Int) throws -> GatewayConfig {
        try TestConfig.load("""
            model_list:
              - model_name: via-openai
                litellm_params: {model: openai/gpt-4o, api_base: "http://127.0.0.1:\(mockPort)/v1", api_key: k}
              - model_name: via-anthropic
                litellm_params: {model: anthropic/claude-sonnet-4-5, api_base: "http://127.0.0.1:\(mockPort)", api_key: k}
              - model_name: via-gemini
                litellm_params: {model: gemini/gemini-2.5-flash, api_base: "http://127.0.0.1:\(mockPort)", api_key: k}
              - model_name: in-process
                litellm_params: {model: mock/m}
            """)
    }

    static func withMatrix(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var quiet = Logger(label: "mock")
        quiet.logLevel = .critical
        let logger = quiet
        let mock = try await RunningServer.start { onRunning in
            buildMockProviderApplication(host: "127.0.0.1", port: 0, logger: logger, onServerRunning: onRunning)
        }
        defer { Task { await mock.stop() } }
        try await withGateway(try config(mockPort: mock.port), test)
    }

    static func request(_ client: Client, model: String, text: String, stream: Bool) -> (String, String) {
        switch client {
        case .openAI:
            return ("/v1/chat/completions", #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"\#(text)"}]}"#)
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
        try await Self.withMatrix { gateway in
            let (path, body) = Self.request(client, model: provider, text: "hello across dialects", stream: false)
            let response = try await gateway.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(Self.replyText(client, response.body) == "Switchyard mock reply to: hello across dialects")
        }
    }

    @Test(arguments: Client.allCases, providers)
    func streamsCrossEveryDialectInOrder(client: Client, provider: String) async throws {
        try await Self.withMatrix { gateway in
            let (path, body) = Self.request(client, model: provider, text: "stream across dialects", stream: true)
            let response = try await gateway.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            let (text, kinds) = Self.streamedText(client, response.body)
            #expect(text == "Switchyard mock reply to: stream across dialects")
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
        }
    }

    @Test func errorsUseTheCallersEnvelope() async throws {
        try await Self.withMatrix { gateway in
            let anthropic = try await gateway.execute(
                uri: "/v1/messages", method: .post, body: ByteBuffer(string: #"{"model":"nope","max_tokens":5,"messages":[{"role":"user","content":"x"}]}"#)
            )
            #expect(anthropic.status == .notFound)
            #expect(anthropic.body.json["type"] as? String == "error")
            #expect((anthropic.body.json["error"] as? [String: Any])?["type"] as? String == "not_found_error")
            let gemini = try await gateway.execute(uri: "/v1beta/models/nope:generateContent", method: .post, body: ByteBuffer(string: #"{"contents":[]}"#))
            #expect(gemini.status == .notFound)
            #expect((gemini.body.json["error"] as? [String: Any])?["status"] as? String == "NOT_FOUND")
            let upstreamError = try await gateway.execute(
                uri: "/v1/chat/completions", method: .post,
                body: ByteBuffer(string: #"{"model":"via-anthropic","messages":[{"role":"user","content":"[[mock:status=429]]"}]}"#)
            )
            #expect(upstreamError.status == .tooManyRequests)
            #expect((upstreamError.body.json["error"] as? [String: Any])?["message"] as? String == "Mock failure requested with [[mock:status=429]].")
            let malformed = try await gateway.execute(uri: "/v1/messages", method: .post, body: ByteBuffer(string: #"{"model": "via-anthropic", "max_tokens": 5}"#))
            #expect(malformed.status == .badRequest)
            #expect((malformed.body.json["error"] as? [String: Any])?["message"] as? String == "Missing required parameter: 'messages'.")
        }
    }

    @Test func toolCallsCrossFromOpenAIToAnthropicAndBack() async throws {
        try await Self.withMatrix { gateway in
            let tools = #"[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}]"#
            let first = try await gateway.execute(
                uri: "/v1/chat/completions", method: .post,
                body: ByteBuffer(string: #"{"model":"via-anthropic","tools":\#(tools),"messages":[{"role":"user","content":"weather?"}]}"#)
            )
            let message = try #require(((first.body.json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]))
            let call = try #require((message["tool_calls"] as? [[String: Any]])?.first)
            let function = try #require(call["function"] as? [String: Any])
            #expect(function["name"] as? String == "get_weather")
            #expect(function["arguments"] as? String == #"{"location":"mock"}"#)
            let id = try #require(call["id"] as? String)
            let second = try await gateway.execute(
                uri: "/v1/chat/completions", method: .post,
                body: ByteBuffer(string: #"{"model":"via-anthropic","tools":\#(tools),"messages":[{"role":"user","content":"weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"\#(id)","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"mock\"}"}}]},{"role":"tool","tool_call_id":"\#(id)","content":"sunny"}]}"#)
            )
            #expect(Self.replyText(.openAI, second.body) == "Switchyard mock used the tool results: sunny")
        }
    }
}
