import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// Tool calls between client and provider dialects, against the independent fakes: each
/// provider's tool call reaches the client in the client's shape, and the next turn's tool
/// result reaches the provider paired the way the provider requires (the fakes refuse an
/// unpaired `tool_result` or an unnamed `functionResponse`, as the real APIs do).
@Suite struct ProviderFakesToolTests {
    static let openAITools = #"[{"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string"}},"required":["location"]}}}]"#
    static let paris = #"{"location":"Paris","unit":"celsius"}"#

    static func json(_ text: String?) -> [String: String]? {
        ByteBuffer(string: text ?? "").json as? [String: String]
    }

    @Test func openAIToolsReachGeminiAsFunctionDeclarationsAndComeBackAsToolCalls() async throws {
        let gemini = try await FakeGeminiUpstream.start(.toolCall(name: "get_weather", argumentsJSON: #"{"location":"Paris","unit":"celsius"}"#))
        defer { Task { await gemini.stop() } }
        try await withGateway(try ProviderFakesTests.config(gemini: gemini)) { client in
            let whole = try await ProviderFakesTests.post(client, "/v1/chat/completions", #"{"model":"flash","tools":\#(Self.openAITools),"messages":[{"role":"user","content":"what is the weather in Paris?"}]}"#)
            #expect(whole.status == .ok)
            let choice = try #require((whole.body.json["choices"] as? [[String: Any]])?.first)
            #expect(choice["finish_reason"] as? String == "tool_calls")
            let call = try #require(((choice["message"] as? [String: Any])?["tool_calls"] as? [[String: Any]])?.first)
            let function = try #require(call["function"] as? [String: Any])
            #expect(function["name"] as? String == "get_weather")
            let arguments = ByteBuffer(string: function["arguments"] as? String ?? "").json as? [String: String]
            #expect(arguments == ["location": "Paris", "unit": "celsius"])
            #expect((whole.body.json["usage"] as? [String: Any])?["prompt_tokens"] as? Int == 6)
            #expect((whole.body.json["usage"] as? [String: Any])?["completion_tokens"] as? Int == FakeProviderBehavior.toolCallOutputTokens)

            let streamed = try await ProviderFakesTests.post(client, "/v1/chat/completions", #"{"model":"flash","stream":true,"tools":\#(Self.openAITools),"messages":[{"role":"user","content":"and in Rome?"}]}"#)
            let deltas = ProviderFakesTests.events(streamed.body).compactMap { ($0["choices"] as? [[String: Any]])?.first }
            let streamedCall = try #require(deltas.compactMap { ($0["delta"] as? [String: Any])?["tool_calls"] as? [[String: Any]] }.first?.first)
            #expect((streamedCall["function"] as? [String: Any])?["name"] as? String == "get_weather")
            #expect(deltas.last?["finish_reason"] as? String == "tool_calls")
        }
        let sent = try #require(gemini.requests.first)
        #expect(sent.path == "/v1beta/models/gemini-2.5-flash:generateContent")
        #expect(sent.headers["x-goog-api-key"] == "gemini-fake-key")
        let declaration = try #require(((sent.json["tools"] as? [[String: Any]])?.first?["functionDeclarations"] as? [[String: Any]])?.first)
        #expect(declaration["name"] as? String == "get_weather")
        #expect(declaration["description"] as? String == "Current weather")
        #expect(declaration["parameters"] != nil || declaration["parametersJsonSchema"] != nil)
        #expect(gemini.requests.last?.path == "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
    }

    @Test func aGeminiToolRoundTripKeepsTheThoughtSignatureAndNamesTheResponse() async throws {
        let gemini = try await FakeGeminiUpstream.start(.sequence([.toolCall(name: "get_weather", argumentsJSON: Self.paris), .echo]))
        defer { Task { await gemini.stop() } }
        try await withGateway(try ProviderFakesTests.config(gemini: gemini)) { client in
            let question = #"{"role":"user","content":"weather in Paris?"}"#
            let first = try await ProviderFakesTests.post(client, "/v1/chat/completions", #"{"model":"flash","tools":\#(Self.openAITools),"messages":[\#(question)]}"#)
            let message = try #require(((first.body.json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]))
            let call = try #require((message["tool_calls"] as? [[String: Any]])?.first)
            let google = ((call["extra_content"] as? [String: Any])?["google"] as? [String: Any])
            #expect(google?["thought_signature"] as? String == FakeGeminiWire.thoughtSignature)
            // The client sends the assistant message back as it came, as OpenAI clients do.
            let assistant = String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self)
            let id = try #require(call["id"] as? String)
            let answer = #"{"role":"tool","tool_call_id":"\#(id)","content":"sunny"}"#
            let second = try await ProviderFakesTests.post(client, "/v1/chat/completions", #"{"model":"flash","tools":\#(Self.openAITools),"messages":[\#(question),\#(assistant),\#(answer)]}"#)
            #expect(second.status == .ok, "\(String(buffer: second.body))")
        }
        let sent = try #require(gemini.requests.last?.json["contents"] as? [[String: Any]])
        #expect(sent.map { $0["role"] as? String } == ["user", "model", "user"])
        let called = try #require((sent[1]["parts"] as? [[String: Any]])?.first)
        #expect((called["functionCall"] as? [String: Any])?["name"] as? String == "get_weather")
        #expect((called["functionCall"] as? [String: Any])?["args"] as? [String: String] == ["location": "Paris", "unit": "celsius"])
        #expect(called["thoughtSignature"] as? String == FakeGeminiWire.thoughtSignature)
        let response = try #require((sent[2]["parts"] as? [[String: Any]])?.first?["functionResponse"] as? [String: Any])
        #expect(response["name"] as? String == "get_weather")
        #expect(String(decoding: try JSONSerialization.data(withJSONObject: response["response"] ?? [:]), as: UTF8.self).contains("sunny"))
    }

    @Test func anOpenAIStreamFromAnthropicAssemblesTheToolArguments() async throws {
        let anthropic = try await FakeAnthropicUpstream.start(.toolCall(name: "get_weather", argumentsJSON: Self.paris))
        defer { Task { await anthropic.stop() } }
        try await withGateway(try ProviderFakesTests.config(anthropic: anthropic)) { client in
            let response = try await ProviderFakesTests.post(client, "/v1/chat/completions", #"{"model":"claude","stream":true,"tools":\#(Self.openAITools),"messages":[{"role":"user","content":"weather?"}]}"#)
            let choices = ProviderFakesTests.events(response.body).compactMap { ($0["choices"] as? [[String: Any]])?.first }
            let calls = choices.flatMap { ($0["delta"] as? [String: Any])?["tool_calls"] as? [[String: Any]] ?? [] }
            #expect(calls.first?["id"] as? String == FakeAnthropicWire.toolUseID)
            #expect((calls.first?["function"] as? [String: Any])?["name"] as? String == "get_weather")
            let arguments = calls.compactMap { ($0["function"] as? [String: Any])?["arguments"] as? String }.joined()
            #expect(Self.json(arguments) == ["location": "Paris", "unit": "celsius"])
            #expect(choices.last?["finish_reason"] as? String == "tool_calls")
        }
    }

    @Test func anAnthropicClientGetsGeminiFunctionCallsAsToolUseAndAnswersThemByName() async throws {
        let gemini = try await FakeGeminiUpstream.start(.toolCall(name: "get_weather", argumentsJSON: Self.paris))
        defer { Task { await gemini.stop() } }
        let tools = #"[{"name":"get_weather","input_schema":{"type":"object","properties":{"location":{"type":"string"}}}}]"#
        try await withGateway(try ProviderFakesTests.config(gemini: gemini)) { client in
            let whole = try await ProviderFakesTests.post(client, "/v1/messages", #"{"model":"flash","max_tokens":64,"tools":\#(tools),"messages":[{"role":"user","content":"weather?"}]}"#)
            #expect(whole.body.json["stop_reason"] as? String == "tool_use")
            let use = try #require((whole.body.json["content"] as? [[String: Any]])?.first { $0["type"] as? String == "tool_use" })
            #expect(use["name"] as? String == "get_weather")
            #expect(use["input"] as? [String: String] == ["location": "Paris", "unit": "celsius"])

            let streamed = try await ProviderFakesTests.post(client, "/v1/messages", #"{"model":"flash","max_tokens":64,"stream":true,"tools":\#(tools),"messages":[{"role":"user","content":"weather?"}]}"#)
            let events = ProviderFakesTests.events(streamed.body)
            #expect(events.contains { ($0["content_block"] as? [String: Any])?["type"] as? String == "tool_use" })
            let partial = events.compactMap { ($0["delta"] as? [String: Any])?["partial_json"] as? String }.joined()
            #expect(Self.json(partial) == ["location": "Paris", "unit": "celsius"])
            #expect(events.compactMap { ($0["delta"] as? [String: Any])?["stop_reason"] as? String } == ["tool_use"])

            let id = try #require(use["id"] as? String)
            let turns = #"[{"role":"user","content":"weather?"},{"role":"assistant","content":[{"type":"tool_use","id":"\#(id)","name":"get_weather","input":\#(Self.paris)}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"\#(id)","content":"sunny"}]}]"#
            let next = try await ProviderFakesTests.post(client, "/v1/messages", #"{"model":"flash","max_tokens":64,"tools":\#(tools),"messages":\#(turns)}"#)
            #expect(next.status == .ok, "\(String(buffer: next.body))")
        }
        let declaration = (gemini.requests.first?.json["tools"] as? [[String: Any]])?.first?["functionDeclarations"] as? [[String: Any]]
        #expect(declaration?.first?["name"] as? String == "get_weather")
        let sent = try #require(gemini.requests.last?.json["contents"] as? [[String: Any]])
        #expect(sent.map { $0["role"] as? String } == ["user", "model", "user"])
        let response = (sent[2]["parts"] as? [[String: Any]])?.first?["functionResponse"] as? [String: Any]
        #expect(response?["name"] as? String == "get_weather")
    }

    @Test func aGeminiClientGetsAnthropicToolUseAsFunctionCallsAndPairsTheAnswer() async throws {
        let anthropic = try await FakeAnthropicUpstream.start(.toolCall(name: "get_weather", argumentsJSON: Self.paris))
        defer { Task { await anthropic.stop() } }
        let tools = #"[{"functionDeclarations":[{"name":"get_weather","description":"Current weather","parameters":{"type":"OBJECT","properties":{"location":{"type":"STRING"}},"required":["location"]}}]}]"#
        try await withGateway(try ProviderFakesTests.config(anthropic: anthropic)) { client in
            let first = try await ProviderFakesTests.post(client, "/v1beta/models/claude:generateContent", #"{"tools":\#(tools),"contents":[{"role":"user","parts":[{"text":"weather?"}]}]}"#)
            #expect(first.status == .ok, "\(String(buffer: first.body))")
            let parts = ((first.body.json["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])?["parts"] as? [[String: Any]]
            let call = try #require(parts?.compactMap { $0["functionCall"] as? [String: Any] }.first)
            #expect(call["name"] as? String == "get_weather")
            #expect(call["args"] as? [String: String] == ["location": "Paris", "unit": "celsius"])

            let turns = #"[{"role":"user","parts":[{"text":"weather?"}]},{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":\#(Self.paris)}}]},{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"forecast":"sunny"}}}]}]"#
            let next = try await ProviderFakesTests.post(client, "/v1beta/models/claude:generateContent", #"{"tools":\#(tools),"contents":\#(turns)}"#)
            #expect(next.status == .ok, "\(String(buffer: next.body))")
        }
        let tool = try #require((anthropic.requests.first?.json["tools"] as? [[String: Any]])?.first)
        #expect((tool["input_schema"] as? [String: Any])?["type"] as? String == "object")
        let sent = try #require(anthropic.requests.last?.json["messages"] as? [[String: Any]])
        #expect(sent.map { $0["role"] as? String } == ["user", "assistant", "user"])
        let result = try #require((sent[2]["content"] as? [[String: Any]])?.first { $0["type"] as? String == "tool_result" })
        let content = String(describing: result["content"] ?? "")
        #expect(content.contains("sunny"))
    }
}
