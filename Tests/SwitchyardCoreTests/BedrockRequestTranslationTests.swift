import Foundation
import Testing

@testable import SwitchyardCore

@Suite("OpenAI → Bedrock Converse request")
struct BedrockRequestTranslationTests {
    static let toolConversation = #"""
        {
          "model": "claude-on-bedrock",
          "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "developer", "content": [{"type": "text", "text": "Use metric units."}]},
            {"role": "user", "content": [
              {"type": "text", "text": "Weather in Paris and Oslo? See the map."},
              {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
            ]},
            {"role": "assistant", "content": "Checking.", "tool_calls": [
              {"id": "tooluse_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}},
              {"id": "tooluse_2", "type": "function", "function": {"name": "get_weather", "arguments": ""}}
            ]},
            {"role": "tool", "tool_call_id": "tooluse_1", "content": "{\"temp_c\": 18}"},
            {"role": "tool", "tool_call_id": "tooluse_2", "content": "unknown city"},
            {"role": "user", "content": "Thanks. Which is warmer?"}
          ],
          "tools": [{"type": "function", "function": {
            "name": "get_weather", "description": "Current weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
          }}],
          "tool_choice": "required",
          "max_completion_tokens": 512,
          "max_tokens": 100,
          "temperature": 0.2,
          "top_p": 0.9,
          "stop": ["END", ""],
          "user": "u-1"
        }
        """#

    @Test("a tool-use conversation translates block for block")
    func toolConversation() throws {
        let request = try BedrockConverseRequest(openAI: BedrockTestSupport.chatRequest(Self.toolConversation))
        let expected = #"""
            {"inferenceConfig":{"maxTokens":512,"stopSequences":["END"],"temperature":0.2,"topP":0.9},\#
            "messages":[\#
            {"content":[{"text":"Weather in Paris and Oslo? See the map."},{"image":{"format":"png","source":{"bytes":"iVBORw0KGgo="}}}],"role":"user"},\#
            {"content":[{"text":"Checking."},{"toolUse":{"input":{"city":"Paris"},"name":"get_weather","toolUseId":"tooluse_1"}},{"toolUse":{"input":{},"name":"get_weather","toolUseId":"tooluse_2"}}],"role":"assistant"},\#
            {"content":[{"toolResult":{"content":[{"json":{"temp_c":18}}],"toolUseId":"tooluse_1"}},{"toolResult":{"content":[{"text":"unknown city"}],"toolUseId":"tooluse_2"}},{"text":"Thanks. Which is warmer?"}],"role":"user"}],\#
            "system":[{"text":"You are terse."},{"text":"Use metric units."}],\#
            "toolConfig":{"toolChoice":{"any":{}},"tools":[{"toolSpec":{"description":"Current weather","inputSchema":{"json":{"properties":{"city":{"type":"string"}},"required":["city"],"type":"object"}},"name":"get_weather"}}]}}
            """#
        #expect(BedrockTestSupport.json(request) == expected)
        #expect(!request.usesJSONResponseTool)
    }

    @Test("tool_choice maps: auto → auto, a named function → tool, none → no tools")
    func toolChoices() throws {
        func config(_ choice: String) throws -> BedrockToolConfig? {
            let text = #"{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":\#(choice)}"#
            return try BedrockConverseRequest(openAI: BedrockTestSupport.chatRequest(text)).toolConfig
        }
        #expect(try config(#""auto""#)?.toolChoice == .auto)
        #expect(try config(#"{"type":"function","function":{"name":"f"}}"#)?.toolChoice == .tool(name: "f"))
        #expect(try config(#""none""#) == nil)
        let spec = try config(#""auto""#)?.tools.first
        #expect(spec == .toolSpec(BedrockToolSpec(name: "f", inputSchema: ["type": "object", "properties": [:]])))
    }

    @Test("tool history without tools gets a placeholder tool config")
    func placeholderTools() throws {
        let text = #"""
            {"model":"m","messages":[
              {"role":"user","content":"hi"},
              {"role":"assistant","tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"t1","content":"ok"}
            ],"tool_choice":"none"}
            """#
        let request = try BedrockConverseRequest(openAI: BedrockTestSupport.chatRequest(text))
        #expect(request.toolConfig?.tools.map(\.name) == ["dummy_tool"])
        #expect(request.toolConfig?.toolChoice == nil)
    }

    @Test("response_format json_schema becomes a forced json_tool_call")
    func jsonSchema() throws {
        let text = #"""
            {"model":"m","messages":[{"role":"user","content":"a person"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"person","schema":{"properties":{"name":{"type":"string"}}}}}}
            """#
        let request = try BedrockConverseRequest(openAI: BedrockTestSupport.chatRequest(text))
        #expect(BedrockTestSupport.json(request.toolConfig) == #"{"toolChoice":{"tool":{"name":"json_tool_call"}},"tools":[{"toolSpec":{"description":"Respond with a JSON object that matches the `person` schema.","inputSchema":{"json":{"properties":{"name":{"type":"string"}},"type":"object"}},"name":"json_tool_call"}}]}"#)
        #expect(request.usesJSONResponseTool)
    }

    @Test("reasoning_effort turns on Claude's thinking with room for the answer")
    func reasoningEffort() throws {
        let text = #"{"model":"us.anthropic.claude-3-7-sonnet-20250219-v1:0","messages":[{"role":"user","content":"think"}],"reasoning_effort":"medium","response_format":{"type":"json_object"}}"#
        let request = try BedrockConverseRequest(openAI: BedrockTestSupport.chatRequest(text))
        #expect(request.additionalModelRequestFields == ["thinking": ["type": "enabled", "budget_tokens": 4096]])
        #expect(request.inferenceConfig?.maxTokens == 4096 + 4096)
        #expect(request.toolConfig?.toolChoice == .auto)
    }

    @Test("an explicit max_tokens keeps and the budget shrinks to half of it")
    func thinkingWithLimit() throws {
        let text = #"{"model":"anthropic.claude-sonnet-4","messages":[{"role":"user","content":"x"}],"reasoning_effort":"high","max_tokens":8000}"#
        let request = try BedrockConverseRequest(openAI: BedrockTestSupport.chatRequest(text))
        #expect(request.additionalModelRequestFields?["thinking"]?["budget_tokens"] == 4000)
        #expect(request.inferenceConfig?.maxTokens == 8000)
    }

    @Test("pass-through Converse members and top_k")
    func passThrough() throws {
        let text = #"""
            {"model":"anthropic.claude-3-haiku","messages":[{"role":"user","content":"x"}],"top_k":40,
             "guardrailConfig":{"guardrailIdentifier":"g1","guardrailVersion":"1"},
             "additionalModelRequestFields":{"anthropic_beta":["x"]}}
            """#
        let request = try BedrockConverseRequest(openAI: BedrockTestSupport.chatRequest(text))
        #expect(request.guardrailConfig == ["guardrailIdentifier": "g1", "guardrailVersion": "1"])
        #expect(request.additionalModelRequestFields == ["top_k": 40, "anthropic_beta": ["x"]])
    }

    @Test("thinking_blocks in an assistant message go back as reasoning content")
    func thinkingBlocksBack() throws {
        let text = #"""
            {"model":"m","messages":[{"role":"user","content":"x"},
             {"role":"assistant","content":"y","thinking_blocks":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"redacted_thinking","data":"QUJD"}]}]}
            """#
        let request = try BedrockConverseRequest(openAI: BedrockTestSupport.chatRequest(text))
        #expect(request.messages.last?.content == [
            .reasoningContent(.reasoningText(text: "hmm", signature: "sig")),
            .reasoningContent(.redactedContent("QUJD")),
            .text("y"),
        ])
    }

    // MARK: Errors

    static let unsupported: [(String, String)] = [
        (#""n":2"#, "n"),
        (#""logprobs":true"#, "logprobs"),
        (#""logit_bias":{"50256":-100}"#, "logit_bias"),
        (#""seed":7"#, "seed"),
        (#""presence_penalty":0.5"#, "presence_penalty"),
        (#""reasoning_effort":"low""#, "reasoning_effort"),
        (#""top_k":5"#, "top_k"),
        (#""tool_choice":{"type":"allowed_tools"},"tools":[{"type":"function","function":{"name":"f"}}]"#, "tool_choice"),
        (#""response_format":{"type":"grammar"}"#, "response_format"),
    ]

    @Test("parameters Converse cannot express are a 400 naming them, or dropped", arguments: unsupported)
    func unsupportedParameters(member: String, param: String) throws {
        let text = #"{"model":"meta.llama3-70b","messages":[{"role":"user","content":"x"}],\#(member)}"#
        let request = try BedrockTestSupport.chatRequest(text)
        #expect(throws: GatewayError.self) { try BedrockConverseRequest(openAI: request) }
        do {
            _ = try BedrockConverseRequest(openAI: request)
        } catch {
            #expect(error.status == 400)
            #expect(error.param == param)
        }
        let dropped = try BedrockConverseRequest(openAI: request, dropUnsupported: true)
        #expect(dropped.additionalModelRequestFields == nil)
        #expect(dropped.toolConfig?.toolChoice == nil)
    }

    static let badMessages: [(String, String)] = [
        (#"{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}"#, "messages[0].content[0].image_url.url"),
        (#"{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/bmp;base64,Qk0="}}]}"#, "messages[0].content[0].image_url.url"),
        (#"{"role":"system","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]}"#, "messages[0].content[0]"),
        (#"{"role":"function","name":"f","content":"x"}"#, "messages[0].role"),
        (#"{"role":"user","content":[{"type":"file","file":{"file_id":"file-abc"}}]}"#, "messages[0].content[0].file"),
        (#"{"role":"user","content":[{"type":"file","file":{"file_data":"data:application/zip;base64,UEs="}}]}"#, "messages[0].content[0].file.file_data"),
    ]

    @Test("inline files become image and document blocks, each document named as Converse allows")
    func inlineFiles() throws {
        let request = try BedrockTestSupport.chatRequest(#"""
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"text","text":"Compare."},
              {"type":"file","file":{"file_data":"data:image/png;base64,iVBORw0KGgo=","filename":"map.png"}},
              {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0=","filename":"reports/Q3 report.v2.pdf"}},
              {"type":"file","file":{"file_data":"data:text/plain;base64,aGk="}}
            ]}]}
            """#)
        let converse = try BedrockConverseRequest(openAI: request)
        #expect(converse.messages.first?.content == [
            .text("Compare."),
            .image(BedrockImageBlock(format: "png", base64: "iVBORw0KGgo=")),
            .document(BedrockDocumentBlock(format: "pdf", name: "Q3 report-v2", base64: "JVBERi0=")),
            .document(BedrockDocumentBlock(format: "txt", name: "document 0-3", base64: "aGk=")),
        ])
        let encoded = String(decoding: try JSONEncoder().encode(converse.messages.first!.content[2]), as: UTF8.self)
        #expect(encoded.contains(#""document":{"#) && encoded.contains(#""source":{"bytes":"JVBERi0="}"#))
    }

    @Test("document names keep letters, digits, single spaces, hyphens and brackets", arguments: [
        ("brief.pdf", "brief"), ("a  b\tc.txt", "a b c"), ("résumé (final).docx", "r-sum- (final)"), (".env", "-env"), ("", "fallback"),
        ("x/y/[draft].md", "[draft]"),
    ])
    func documentNames(filename: String, name: String) {
        #expect(BedrockDocumentBlock.name(from: filename, fallback: "fallback") == name)
    }

    @Test("content Converse cannot take is a 400 naming the part, or dropped", arguments: badMessages)
    func unsupportedContent(message: String, param: String) throws {
        let request = try BedrockTestSupport.chatRequest(#"{"model":"m","messages":[\#(message),{"role":"user","content":"ok"}]}"#)
        do {
            _ = try BedrockConverseRequest(openAI: request)
            Issue.record("expected a 400")
        } catch {
            #expect(error.status == 400)
            #expect(error.param == param)
        }
        let dropped = try BedrockConverseRequest(openAI: request, dropUnsupported: true)
        #expect(dropped.messages == [BedrockMessage(role: .user, content: [.text("ok")])])
    }

    @Test("audio is refused with audio_not_supported_by_model, never dropped")
    func audioIsNeverDropped() throws {
        let request = try BedrockTestSupport.chatRequest(
            #"{"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]}"#
        )
        for drop in [false, true] {
            #expect {
                _ = try BedrockConverseRequest(openAI: request, dropUnsupported: drop)
            } throws: { error in
                let refusal = error as? GatewayError
                return refusal?.code == "audio_not_supported_by_model" && refusal?.param == "messages[0].content[0]"
                    && refusal?.message.contains("Transcribe it first") == true
            }
        }
    }

    @Test("malformed tool calls are a 400 naming the message, even when dropping", arguments: [
        (#"{"role":"assistant","tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{oops"}}]}"#, "messages[1].tool_calls[0].function.arguments"),
        (#"{"role":"assistant","tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"[1]"}}]}"#, "messages[1].tool_calls[0].function.arguments"),
        (#"{"role":"tool","content":"x"}"#, "messages[1].tool_call_id"),
    ])
    func malformedToolMessages(message: String, param: String) throws {
        let request = try BedrockTestSupport.chatRequest(#"{"model":"m","messages":[{"role":"user","content":"x"},\#(message)]}"#)
        do {
            _ = try BedrockConverseRequest(openAI: request, dropUnsupported: true)
            Issue.record("expected a 400")
        } catch {
            #expect(error.status == 400)
            #expect(error.param == param)
        }
    }

    @Test("the wire types round-trip a Converse request")
    func roundTrip() throws {
        let request = try BedrockConverseRequest(openAI: BedrockTestSupport.chatRequest(Self.toolConversation))
        let data = try JSONEncoder().encode(request)
        #expect(try JSONDecoder().decode(BedrockConverseRequest.self, from: data) == request)
    }
}
