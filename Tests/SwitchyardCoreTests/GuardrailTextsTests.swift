import Foundation
import SwitchyardCore
import Testing

/// Every text of a request body, on every surface, with its path; media, ids and model names
/// are not texts.
@Suite struct GuardrailTextsTests {
    private func body(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    private func listed(_ json: String, _ surface: GuardrailSurface) throws -> [String] {
        GuardrailTexts(body: try body(json), surface: surface).texts.map { "\($0.role.rawValue) \($0.path)=\($0.text)" }
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
            {"model": "claude", "system": [{"type": "text", "text": "sys"}], "messages": [
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

    @Test func maskedTextsAreWrittenBack() throws {
        let request = try body("""
            {"model": "gpt-4o", "messages": [{"role": "user", "content": "mail jane@example.com"},
              {"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{\\"to\\":\\"bob@example.com\\"}"}}]}]}
            """)
        let detector = PIIDetector()
        let masked = GuardrailTexts(body: request, surface: .chatCompletions).texts.map { text in
            var text = text
            text.text = GuardrailRedaction.masked(text.text, findings: detector.findings(in: text.text))
            return text
        }
        let result = GuardrailTexts.applying(masked, to: request)
        #expect(result["messages"]?.arrayValue?[0]["content"] == "mail [REDACTED_EMAIL]")
        #expect(result["messages"]?.arrayValue?[1]["tool_calls"]?.arrayValue?[0]["function"]?["arguments"] == #"{"to":"[REDACTED_EMAIL]"}"#)
        #expect(result["model"] == "gpt-4o")
    }
}
