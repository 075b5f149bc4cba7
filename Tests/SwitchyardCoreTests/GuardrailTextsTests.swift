import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

/// Every text of a request body, on every surface, with its path; media, ids and model names
/// are not texts.
@Suite struct GuardrailTextsTests {
    static func operation(_ surface: GuardrailSurface) -> GatewayOperation {
        switch surface {
        case .chatCompletions: OperationTable.chatCompletions
        case .completions: OperationTable.completions
        case .embeddings: OperationTable.embeddings
        case .responses: OperationTable.responses
        case .anthropicMessages: OperationTable.messages
        case .geminiGenerateContent: OperationTable.generateContent
        }
    }

    static func request(_ json: String, _ surface: GuardrailSurface) throws -> OperationRequest {
        try OperationRequest.parse(ByteBuffer(string: json), operation: operation(surface), pathModel: "m")
    }

    /// The texts read from the request's bytes, after checking that reading the decoded body
    /// gives the same texts, paths and roles.
    private func listed(_ json: String, _ surface: GuardrailSurface) throws -> [String] {
        let request = try Self.request(json, surface)
        let texts = try GuardrailTexts(request: request, surface: surface).texts
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(request.bytes.readableBytesView))
        #expect(GuardrailTexts(body: decoded, surface: surface).texts == texts)
        return texts.map { "\($0.role.rawValue) \($0.path)=\($0.text)" }
    }

    @Test func chatCompletions() throws {
        let texts = try listed("""
            {"model": "gpt-4o", "messages": [
              {"role": "system", "content": "be brief"},
              {"role": "user", "content": [{"type": "text", "text": "look"}, {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]},
              {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "send", "arguments": "{\\"to\\":\\"a@b.co\\"}"}}]},
              {"role": "tool", "tool_call_id": "call_1", "content": "sent"}],
             "tools": [{"type": "function", "function": {"name": "send", "description": "sends mail",
               "parameters": {"type": "object", "properties": {"to": {"type": "string", "description": "recipient"}}}}}]}
            """, .chatCompletions)
        #expect(texts == [
            "system messages[0].content=be brief",
            "message messages[1].content[0].text=look",
            #"tool_arguments messages[2].tool_calls[0].function.arguments={"to":"a@b.co"}"#,
            "tool_result messages[3].content=sent",
            "tool_definition tools[0].function.description=sends mail",
            "tool_definition tools[0].function.parameters.properties.to.description=recipient",
        ])
    }

    @Test func completionsAndEmbeddings() throws {
        #expect(try listed(#"{"model": "m", "prompt": ["a", "b"], "suffix": "c"}"#, .completions)
            == ["prompt prompt[0]=a", "prompt prompt[1]=b", "prompt suffix=c"])
        #expect(try listed(#"{"model": "m", "input": "hello"}"#, .embeddings) == ["input input=hello"])
        #expect(try listed(#"{"model": "m", "input": [[1, 2, 3]]}"#, .embeddings).isEmpty)
    }

    @Test func responses() throws {
        let texts = try listed("""
            {"model": "gpt-4o", "instructions": "be kind", "input": [
              {"role": "user", "content": [{"type": "input_text", "text": "hi"}, {"type": "input_image", "image_url": "https://x/y.png"}]},
              {"type": "function_call", "call_id": "c1", "name": "f", "arguments": "{\\"q\\":1}"},
              {"type": "function_call_output", "call_id": "c1", "output": "result"}],
             "tools": [{"type": "function", "name": "f", "description": "finds", "parameters": {"type": "object"}}]}
            """, .responses)
        #expect(texts == [
            "system instructions=be kind",
            "message input[0].content[0].text=hi",
            #"tool_arguments input[1].arguments={"q":1}"#,
            "tool_result input[2].output=result",
            "tool_definition tools[0].description=finds",
        ])
        #expect(try listed(#"{"model": "m", "input": "just text"}"#, .responses) == ["message input=just text"])
    }

    @Test func anthropicMessages() throws {
        let texts = try listed("""
            {"model": "claude", "max_tokens": 64, "system": [{"type": "text", "text": "sys"}], "messages": [
              {"role": "user", "content": "hello"},
              {"role": "assistant", "content": [{"type": "thinking", "thinking": "hmm", "signature": "s"},
                {"type": "tool_use", "id": "tu1", "name": "look", "input": {"query": "weather", "n": 3}}]},
              {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "tu1", "content": [{"type": "text", "text": "sunny"}]},
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}}]}],
             "tools": [{"name": "look", "description": "looks up", "input_schema": {"type": "object", "properties": {"query": {"type": "string", "description": "what"}}}}]}
            """, .anthropicMessages)
        #expect(texts == [
            "system system[0].text=sys",
            "message messages[0].content=hello",
            "tool_arguments messages[1].content[1].input.query=weather",
            "tool_result messages[2].content[0].content[0].text=sunny",
            "tool_definition tools[0].description=looks up",
            "tool_definition tools[0].input_schema.properties.query.description=what",
        ])
    }

    @Test func geminiGenerateContent() throws {
        let texts = try listed("""
            {"systemInstruction": {"parts": [{"text": "sys"}]}, "contents": [
              {"role": "user", "parts": [{"text": "hi"}, {"inlineData": {"mimeType": "image/png", "data": "AAAA"}}]},
              {"role": "model", "parts": [{"functionCall": {"name": "f", "args": {"city": "Paris"}}}]},
              {"role": "user", "parts": [{"functionResponse": {"name": "f", "response": {"temp": "20C"}}}]}],
             "tools": [{"functionDeclarations": [{"name": "f", "description": "weather", "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "a city"}}}}]}]}
            """, .geminiGenerateContent)
        #expect(texts == [
            "system systemInstruction.parts[0].text=sys",
            "message contents[0].parts[0].text=hi",
            "tool_arguments contents[1].parts[0].functionCall.args.city=Paris",
            "tool_result contents[2].parts[0].functionResponse.response.temp=20C",
            "tool_definition tools[0].functionDeclarations[0].description=weather",
            "tool_definition tools[0].functionDeclarations[0].parameters.properties.city.description=a city",
        ])
    }

    @Test func maskedTextsAreWrittenInPlaceOfTheirStrings() throws {
        let json = """
            {"model": "gpt-4o", "messages": [{"role": "user", "content": "mail jane@example.com \\u00e9"},
              {"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{\\"to\\":\\"bob@example.com\\"}"}}]}],
             "metadata": {"kept": "as written"}}
            """
        let request = try Self.request(json, .chatCompletions)
        let collected = try GuardrailTexts(request: request, surface: .chatCompletions)
        let detector = PIIDetector()
        let masked = collected.texts.map { text in
            var text = text
            text.text = GuardrailRedaction.masked(text.text, findings: detector.findings(in: text.text))
            return text
        }
        let rewritten = collected.rewriting(request.bytes, with: masked)
        let result = try JSONDecoder().decode(JSONValue.self, from: Data(rewritten.readableBytesView))
        #expect(result["messages"]?.arrayValue?[0]["content"] == "mail [REDACTED_EMAIL] é")
        #expect(result["messages"]?.arrayValue?[1]["tool_calls"]?.arrayValue?[0]["function"]?["arguments"] == #"{"to":"[REDACTED_EMAIL]"}"#)
        // Everything else keeps its bytes.
        let text = String(buffer: rewritten)
        #expect(text.hasPrefix(#"{"model": "gpt-4o", "messages": [{"role": "user", "content": "#))
        #expect(text.hasSuffix(#""metadata": {"kept": "as written"}}"#))
    }

    @Test func aTextThatIsNotValidUnicodeIsA400() throws {
        let request = try Self.request(#"{"model": "m", "messages": [{"role": "user", "content": "half \ud83d an emoji"}]}"#, .chatCompletions)
        #expect(throws: GatewayError.self) { try GuardrailTexts(request: request, surface: .chatCompletions) }
    }

    /// Bodies whose shapes the byte reader must read as the decoder does: repeated and escaped
    /// names, escapes in texts, odd whitespace, nested schemas and tool inputs, values of
    /// unexpected kinds.
    @Test(arguments: [
        (GuardrailSurface.chatCompletions, #"{"model":"m","messages":[{"role":"user","content":"a"},{"role":"system","con\u0074ent":"c\n\"d\""}]}"#),
        (.chatCompletions, #"{ "tools" : [ { "type":"function" , "function" : { "description":"x" , "parameters": {"b":{"description":"B"},"a":[{"description":"A"}],"description":{"description":"inner"}} } } ] , "model":"m","messages" : [ {"role":"tool","content":[{"type":"text","text":"t"},{"type":"image_url","text":"no"}]} ] }"#),
        (.chatCompletions, #"{"model":"m","messages":[{"role":"assistant","content":null,"function_call":{"arguments":"{}"},"tool_calls":"not a list"}],"functions":[{"description":"f"}]}"#),
        (.completions, #"{"model":"m","prompt":["x",1,"",["y"]],"suffix":2}"#),
        (.embeddings, #"{"model":"m","input":"\u00e9t\u00e9"}"#),
        (.responses, #"{"model":"m","input":[{"type":"custom_tool_call","input":"ci"},{"role":"developer","content":"dev"},{"type":"function_call_output","output":[{"type":"output_text","text":"o"}]},{"type":"reasoning","summary":"no"}],"instructions":"i"}"#),
        (.anthropicMessages, #"{"model":"m","max_tokens":1,"system":"s","messages":[{"role":"user","content":[{"type":"server_tool_use","input":{"z":["q",{"y":"r"}],"a":"p"}},{"type":"tool_result","content":"plain"}]}]}"#),
        (.geminiGenerateContent, #"{"system_instruction":{"parts":[{"text":"s"}]},"contents":[{"parts":[{"function_call":{"args":{"k":"v"}}},{"function_response":{"response":{"r":["x"]}}}]}],"tools":[{"function_declarations":[{"description":"d","parameters_json_schema":{"description":"p"}}]}]}"#),
    ])
    func theByteReaderReadsWhatTheDecoderReads(_ surface: GuardrailSurface, _ json: String) throws {
        #expect(try !listed(json, surface).isEmpty)
    }
}
