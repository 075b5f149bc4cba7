import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// `POST /v1/responses` on every provider dialect, and the conversation the gateway stores:
/// each fake upstream speaks its own documented wire format and journals what it received.
@Suite struct ResponsesRoutingTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    static func create(_ client: any TestClientProtocol, _ body: String, headers: HTTPFields = json) async throws -> TestResponse {
        try await client.execute(uri: "/v1/responses", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// The text of every `output_text` part of a response object.
    static func outputText(_ response: [String: Any]) -> String {
        (response["output"] as? [[String: Any]] ?? []).flatMap { item in
            (item["content"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String == "output_text" ? $0["text"] as? String : nil }
        }.joined()
    }

    /// The events of an SSE body: each `data:` payload as JSON.
    static func events(_ body: ByteBuffer) -> [[String: Any]] {
        String(buffer: body).components(separatedBy: "\n\n").compactMap { block in
            guard let line = block.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }) else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8))) as? [String: Any]
        }
    }

    @Test(arguments: DialectMatrixTests.providers)
    func aTextTurnIsAnsweredAsAResponseObject(provider: String) async throws {
        try await DialectMatrixTests.withMatrix { client, upstreams in
            let answer = try await Self.create(client, #"{"model":"\#(provider)","instructions":"Be brief.","input":"Name a colour"}"#)
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            let response = answer.body.json
            #expect(response["object"] as? String == "response")
            #expect(response["status"] as? String == "completed")
            // A pass-through answer names the upstream model, as chat's does; a translated one the alias.
            let upstreamModel = ["via-openai": "gpt-4o", "in-process": "m"][provider] ?? provider
            #expect(response["model"] as? String == upstreamModel)
            #expect((response["id"] as? String)?.hasPrefix("resp_") == true)
            let text = Self.outputText(response)
            #expect(text == DialectMatrixTests.expectedReply(provider, to: "Name a colour"))
            let usage = try #require(response["usage"] as? [String: Any])
            #expect((usage["input_tokens"] as? Int ?? 0) > 0 && (usage["output_tokens"] as? Int ?? 0) > 0)
            guard provider != "in-process" else { return }
            let sent = try #require(upstreams.received(by: provider).last)
            switch provider {
            case "via-openai":
                // OpenAI has the Responses API: the client's body goes through, model swapped.
                #expect(sent.path == "/v1/responses")
                #expect(sent.json["model"] as? String == "gpt-4o")
                #expect(sent.json["instructions"] as? String == "Be brief.")
                #expect(sent.json["stream_options"] == nil)
            default:
                #expect(DialectMatrixTests.systemPrompt(provider, in: sent) == "Be brief.")
                #expect(String(decoding: sent.body, as: UTF8.self).contains("Name a colour"))
            }
        }
    }

    @Test(arguments: DialectMatrixTests.providers)
    func aStreamedTurnSendsTheResponsesEventsInOrder(provider: String) async throws {
        try await DialectMatrixTests.withMatrix { client, _ in
            let answer = try await Self.create(client, #"{"model":"\#(provider)","input":"Name a colour","stream":true}"#)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("text/event-stream") == true)
            let events = Self.events(answer.body)
            let types = events.compactMap { $0["type"] as? String }
            #expect(types.first == "response.created")
            #expect(types.last == "response.completed")
            #expect(types.contains("response.output_text.delta"))
            let deltas = events.filter { $0["type"] as? String == "response.output_text.delta" }.compactMap { $0["delta"] as? String }.joined()
            #expect(deltas == DialectMatrixTests.expectedReply(provider, to: "Name a colour"))
            let numbers = events.compactMap { $0["sequence_number"] as? Int }
            #expect(numbers == Array(numbers.indices).map { numbers[0] + $0 }, "sequence numbers count up by one")
            let completed = try #require(events.last?["response"] as? [String: Any])
            #expect(Self.outputText(completed) == deltas)
        }
    }

    /// The history is the gateway's: a turn answered by Anthropic carries on through Gemini,
    /// and through OpenAI's own Responses API, with the earlier turn sent as input.
    @Test func aConversationCarriesOnAcrossProviders() async throws {
        try await DialectMatrixTests.withMatrix { client, upstreams in
            let first = try await Self.create(client, #"{"model":"via-anthropic","input":"My name is Ada"}"#)
            let firstID = try #require(first.body.json["id"] as? String)
            let second = try await Self.create(client, #"{"model":"via-gemini","previous_response_id":"\#(firstID)","input":"What is my name?"}"#)
            #expect(second.status == .ok, "\(String(buffer: second.body))")
            #expect(second.body.json["previous_response_id"] as? String == firstID)
            let geminiSaw = String(decoding: try #require(upstreams.gemini.requests.last).body, as: UTF8.self)
            #expect(geminiSaw.contains("My name is Ada"))
            #expect(geminiSaw.contains("Anthropic heard: My name is Ada"), "the first answer is part of the context")
            #expect(geminiSaw.contains("What is my name?"))

            let secondID = try #require(second.body.json["id"] as? String)
            let third = try await Self.create(client, #"{"model":"via-openai","previous_response_id":"\#(secondID)","input":"And again?"}"#)
            #expect(third.status == .ok, "\(String(buffer: third.body))")
            #expect(third.body.json["previous_response_id"] as? String == secondID, "the pass-through answer names the turn it follows")
            let streamed = try await Self.create(client, #"{"model":"via-openai","previous_response_id":"\#(secondID)","input":"Once more","stream":true}"#)
            let carried = Self.events(streamed.body).compactMap { ($0["response"] as? [String: Any])?["previous_response_id"] as? String }
            #expect(carried == [secondID, secondID, secondID], "created, in_progress and completed name it")
            let openAISaw = try #require(upstreams.openAI.requests.last).json
            #expect(openAISaw["previous_response_id"] == nil, "OpenAI never saw these turns: the gateway sends them as input")
            let input = openAISaw["input"] as? [[String: Any]] ?? []
            #expect(input.count == 5, "two earlier turns of input and output, then the new input: \(input)")
            #expect(input.allSatisfy { $0["id"] == nil }, "ids the gateway made are not sent to another provider")
        }
    }

    @Test func aToolCallRoundTripsAcrossTwoTurns() async throws {
        try await DialectMatrixTests.withMatrix { client, upstreams in
            let tools = #"[{"type":"function","name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]"#
            let first = try await Self.create(client, #"{"model":"in-process","input":"Weather in Paris?","tools":\#(tools)}"#)
            #expect(first.status == .ok, "\(String(buffer: first.body))")
            let call = try #require((first.body.json["output"] as? [[String: Any]])?.first { $0["type"] as? String == "function_call" })
            #expect(call["name"] as? String == "get_weather")
            #expect(call["arguments"] as? String == #"{"city":"mock"}"#)
            let callID = try #require(call["call_id"] as? String)
            let firstID = try #require(first.body.json["id"] as? String)
            let output = #"[{"type":"function_call_output","call_id":"\#(callID)","output":"22 degrees"}]"#
            let second = try await Self.create(client, #"{"model":"via-anthropic","previous_response_id":"\#(firstID)","input":\#(output),"tools":\#(tools)}"#)
            #expect(second.status == .ok, "\(String(buffer: second.body))")
            let sent = try #require(upstreams.anthropic.requests.last).json
            let messages = sent["messages"] as? [[String: Any]] ?? []
            let blocks = messages.flatMap { $0["content"] as? [[String: Any]] ?? [] }
            #expect(blocks.contains { $0["type"] as? String == "tool_use" && $0["id"] as? String == callID && $0["name"] as? String == "get_weather" })
            #expect(blocks.contains { $0["type"] as? String == "tool_result" && $0["tool_use_id"] as? String == callID })
        }
    }

    /// The response is stored before the last byte of the stream: the next turn, sent the
    /// moment the stream ends, finds it.
    @Test(arguments: ["via-openai", "via-anthropic"])
    func aStreamedTurnIsStoredBeforeItEnds(provider: String) async throws {
        try await DialectMatrixTests.withMatrix { client, _ in
            let first = try await Self.create(client, #"{"model":"\#(provider)","input":"Remember 42","stream":true}"#)
            let completed = try #require(Self.events(first.body).last?["response"] as? [String: Any])
            let id = try #require(completed["id"] as? String)
            let second = try await Self.create(client, #"{"model":"in-process","previous_response_id":"\#(id)","input":"What number?"}"#)
            #expect(second.status == .ok, "\(String(buffer: second.body))")
            let stored = try await client.execute(uri: "/v1/responses/\(id)", method: .get)
            #expect(stored.status == .ok)
            #expect(Self.outputText(stored.body.json) == Self.outputText(completed))
        }
    }

    @Test func storedResponsesAreRetrievedListedAndDeleted() async throws {
        try await DialectMatrixTests.withMatrix { client, _ in
            let first = try await Self.create(client, #"{"model":"via-gemini","input":"one"}"#)
            let firstID = try #require(first.body.json["id"] as? String)
            let second = try await Self.create(
                client, #"{"model":"via-anthropic","previous_response_id":"\#(firstID)","input":[{"role":"user","content":"two"},{"type":"message","role":"user","content":[{"type":"input_text","text":"three"}]}]}"#
            )
            let secondID = try #require(second.body.json["id"] as? String)
            let retrieved = try await client.execute(uri: "/v1/responses/\(secondID)", method: .get)
            #expect(retrieved.status == .ok)
            #expect(String(buffer: retrieved.body) == String(buffer: second.body), "the response as it was answered")

            let items = try await client.execute(uri: "/v1/responses/\(secondID)/input_items", method: .get)
            #expect(items.status == .ok)
            let data = items.body.json["data"] as? [[String: Any]] ?? []
            // Newest first: the two new inputs, then the first turn's output and input.
            #expect(data.count == 4)
            #expect(data.allSatisfy { ($0["id"] as? String)?.isEmpty == false })
            #expect(data.first?["type"] as? String == "message")
            #expect(items.body.json["has_more"] as? Bool == false)
            let ascending = try await client.execute(uri: "/v1/responses/\(secondID)/input_items?order=asc&limit=1", method: .get)
            let page = ascending.body.json
            #expect((page["data"] as? [[String: Any]])?.count == 1)
            #expect(page["has_more"] as? Bool == true)
            let after = try #require(page["last_id"] as? String)
            let next = try await client.execute(uri: "/v1/responses/\(secondID)/input_items?order=asc&limit=10&after=\(after)", method: .get)
            #expect((next.body.json["data"] as? [[String: Any]])?.count == 3)

            let deleted = try await client.execute(uri: "/v1/responses/\(firstID)", method: .delete)
            #expect(deleted.status == .ok)
            #expect(deleted.body.json["deleted"] as? Bool == true)
            let gone = try await client.execute(uri: "/v1/responses/\(firstID)", method: .get)
            #expect(gone.status == .notFound)
            #expect((gone.body.json["error"] as? [String: Any])?["message"] as? String == "Response with id '\(firstID)' not found.")
        }
    }

    @Test func storeFalseKeepsNothing() async throws {
        try await DialectMatrixTests.withMatrix { client, _ in
            let answer = try await Self.create(client, #"{"model":"via-anthropic","input":"secret","store":false}"#)
            #expect(answer.status == .ok)
            let id = try #require(answer.body.json["id"] as? String)
            #expect(answer.body.json["store"] as? Bool == false)
            let retrieved = try await client.execute(uri: "/v1/responses/\(id)", method: .get)
            #expect(retrieved.status == .notFound)
            let next = try await Self.create(client, #"{"model":"via-anthropic","previous_response_id":"\#(id)","input":"again"}"#)
            #expect(next.status == .badRequest)
            let error = try #require(next.body.json["error"] as? [String: Any])
            #expect(error["code"] as? String == "previous_response_not_found")
            #expect(error["param"] as? String == "previous_response_id")
        }
    }

    @Test func anotherKeySeesNoResponseItDidNotMake() async throws {
        let config = try TestConfig.load(
            """
            model_list:
              - model_name: mock
                litellm_params: {model: mock/m}
            general_settings:
              master_key: sk-master-123
            """
        )
        try await withGateway(config) { client in
            let admin = AdminClient(client: client)
            let owner = try await admin.generateKey()
            let stranger = try await admin.generateKey()
            func headers(_ key: String) -> HTTPFields { [.authorization: "Bearer \(key)", .contentType: "application/json"] }
            let made = try await Self.create(client, #"{"model":"mock","input":"mine"}"#, headers: headers(owner))
            let id = try #require(made.body.json["id"] as? String)
            for path in ["/v1/responses/\(id)", "/v1/responses/\(id)/input_items"] {
                let seen = try await client.execute(uri: path, method: .get, headers: headers(stranger))
                #expect(seen.status == .notFound, "\(path)")
                #expect(try await client.execute(uri: path, method: .get, headers: headers(owner)).status == .ok)
            }
            let hijack = try await Self.create(client, #"{"model":"mock","previous_response_id":"\#(id)","input":"yours?"}"#, headers: headers(stranger))
            #expect(hijack.status == .badRequest)
            let delete = try await client.execute(uri: "/v1/responses/\(id)", method: .delete, headers: headers(stranger))
            #expect(delete.status == .notFound)
            #expect(try await client.execute(uri: "/v1/responses/\(id)", method: .get, headers: headers(owner)).status == .ok)
            // Private even from the master key; shared with the owner's team.
            let master = try await client.execute(uri: "/v1/responses/\(id)", method: .get, headers: headers("sk-master-123"))
            #expect(master.status == .notFound)
            let teamCreated = try await admin.post("/team/new", ["team_id": "research"])
            #expect(teamCreated.status == .ok)
            let first = try await admin.generateKey(["team_id": "research"])
            let second = try await admin.generateKey(["team_id": "research"])
            let shared = try await Self.create(client, #"{"model":"mock","input":"ours"}"#, headers: headers(first))
            let sharedID = try #require(shared.body.json["id"] as? String)
            let teammate = try await client.execute(uri: "/v1/responses/\(sharedID)", method: .get, headers: headers(second))
            #expect(teammate.status == .ok)
            let outsider = try await client.execute(uri: "/v1/responses/\(sharedID)", method: .get, headers: headers(owner))
            #expect(outsider.status == .notFound)
            // Made by a key, the request is charged and logged like any other.
            let rows = try await admin.spendLogs("api_key=\(owner)", count: 1)
            #expect(rows.first?["call_type"] as? String == "responses")
        }
    }

    @Test func aBuiltInToolIsRefusedWhereTheProviderHasNone() async throws {
        try await DialectMatrixTests.withMatrix { client, upstreams in
            let answer = try await Self.create(client, #"{"model":"via-anthropic","input":"news?","tools":[{"type":"web_search_preview"}]}"#)
            #expect(answer.status == .badRequest)
            let error = try #require(answer.body.json["error"] as? [String: Any])
            #expect((error["message"] as? String)?.contains("web_search_preview") == true)
            #expect(upstreams.anthropic.requests.isEmpty)
            // OpenAI has it: the tool goes through.
            let passed = try await Self.create(client, #"{"model":"via-openai","input":"news?","tools":[{"type":"web_search_preview"}]}"#)
            #expect(passed.status == .ok)
            #expect((try #require(upstreams.openAI.requests.last).json["tools"] as? [[String: Any]])?.first?["type"] as? String == "web_search_preview")
        }
    }

    @Test func aTurnWithNoInputAndNoConversationIsA400() async throws {
        try await DialectMatrixTests.withMatrix { client, upstreams in
            for body in [#"{"model":"via-anthropic"}"#, #"{"model":"via-anthropic","input":[]}"#] {
                let answer = try await Self.create(client, body)
                #expect(answer.status == .badRequest)
                #expect((answer.body.json["error"] as? [String: Any])?["param"] as? String == "input")
            }
            let wrong = try await Self.create(client, #"{"model":"via-anthropic","input":42}"#)
            #expect(wrong.status == .badRequest)
            #expect(upstreams.anthropic.requests.isEmpty)
        }
    }
}
