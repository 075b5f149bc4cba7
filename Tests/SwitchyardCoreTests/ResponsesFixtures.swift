import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

/// Bodies from OpenAI's Responses documentation, recorded chat streams, and helpers shared by
/// the Responses suites. The JSON helpers are the wire-type suites' (`AnthropicFixtures`).
enum ResponsesFixtures {
    typealias J = AnthropicFixtures

    static func request(_ json: String) throws -> ResponsesRequest {
        try J.decode(ResponsesRequest.self, json)
    }

    /// Decode → encode → decode gives an equal request, and the wire JSON is the input's, but
    /// for the `"type": "message"` an easy input message is written back with.
    @discardableResult
    static func requestRoundTrip(_ text: String) throws -> ResponsesRequest {
        let request = try self.request(text)
        let again = try JSONDecoder().decode(ResponsesRequest.self, from: JSONEncoder().encode(request))
        #expect(again == request)
        var expected = try J.json(text)
        if case .object(var object) = expected, case .array(let items)? = object["input"] {
            object["input"] = .array(items.map { item in
                guard case .object(var fields) = item, fields["type"] == nil, fields["role"] != nil else { return item }
                fields["type"] = "message"
                return .object(fields)
            })
            expected = .object(object)
        }
        #expect(try J.wire(request) == expected)
        return request
    }

    /// The bytes of an SSE fixture under `Fixtures/openai`.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "sse", subdirectory: "Fixtures/openai"))
        return Array(try Data(contentsOf: url))
    }

    /// The fixture's chunks, decoded the way the gateway decodes an OpenAI-compatible stream,
    /// fed `size` bytes at a time; each element is what one network read yielded.
    static func chunks(_ bytes: [UInt8], size: Int) throws -> [[ChatCompletionChunk]] {
        var decoder = SSEJSONDecoder<ChatCompletionChunk>()
        var reads: [[ChatCompletionChunk]] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            reads.append(try decoder.decode(ByteBuffer(bytes: bytes[offset..<end])))
            offset = end
        }
        reads.append(try decoder.finish())
        #expect(decoder.sawDone)
        return reads
    }

    /// The chat answer the chunks add up to, assembled independently of the stream translator.
    static func assembled(_ chunks: [ChatCompletionChunk]) -> ChatCompletionResponse {
        var content = ""
        var reasoning = ""
        var refusal = ""
        var calls: [Int: ToolCall] = [:]
        var finish: FinishReason?
        var usage: Usage?
        for chunk in chunks {
            usage = chunk.usage ?? usage
            for choice in chunk.choices {
                content += choice.delta.content ?? ""
                reasoning += choice.delta.reasoningContent ?? ""
                refusal += choice.delta.refusal ?? ""
                for call in choice.delta.toolCalls ?? [] {
                    var assembled = calls[call.index] ?? ToolCall(id: call.id ?? "", function: .init(name: "", arguments: ""))
                    if let name = call.function?.name { assembled.function.name = name }
                    assembled.function.arguments += call.function?.arguments ?? ""
                    calls[call.index] = assembled
                }
                finish = choice.finishReason ?? finish
            }
        }
        let message = ChatMessage(
            role: .assistant,
            content: content.isEmpty ? nil : .text(content),
            toolCalls: calls.isEmpty ? nil : calls.keys.sorted().compactMap { calls[$0] },
            refusal: refusal.isEmpty ? nil : refusal,
            reasoningContent: reasoning.isEmpty ? nil : reasoning
        )
        return ChatCompletionResponse(
            id: chunks.first?.id ?? "", created: 0, model: chunks.first?.model ?? "",
            choices: [ChatChoice(index: 0, message: message, finishReason: finish)], usage: usage
        )
    }

    // MARK: Requests (OpenAI's Responses API reference and guides)

    static let stringInput = #"""
        {
          "model": "gpt-4.1",
          "input": "Tell me a three sentence bedtime story about a unicorn."
        }
        """#

    static let easyMessages = #"""
        {
          "model": "gpt-4.1",
          "instructions": "Talk like a pirate.",
          "input": [
            {"role": "developer", "content": "Answer in one sentence."},
            {"role": "user", "content": "Are semicolons optional in JavaScript?"}
          ],
          "store": false,
          "metadata": {"session": "abc"}
        }
        """#

    static let functionCallRound = #"""
        {
          "model": "gpt-4.1",
          "input": [
            {"role": "user", "content": "What is the weather like in Paris and Bogotá today?"},
            {"type": "function_call", "id": "fc_12345xyz", "call_id": "call_12345xyz", "name": "get_weather", "arguments": "{\"location\":\"Paris, France\"}", "status": "completed"},
            {"type": "function_call", "id": "fc_67890abc", "call_id": "call_67890abc", "name": "get_weather", "arguments": "{\"location\":\"Bogotá, Colombia\"}", "status": "completed"},
            {"type": "function_call_output", "call_id": "call_12345xyz", "output": "{\"temperature\": 14}"},
            {"type": "function_call_output", "call_id": "call_67890abc", "output": [{"type": "input_text", "text": "{\"temperature\": "}, {"type": "input_text", "text": "18}"}]}
          ],
          "tools": [
            {
              "type": "function",
              "name": "get_weather",
              "description": "Get current temperature for a given location.",
              "parameters": {
                "type": "object",
                "properties": {"location": {"type": "string", "description": "City and country e.g. Bogotá, Colombia"}},
                "required": ["location"],
                "additionalProperties": false
              },
              "strict": true
            }
          ],
          "tool_choice": {"type": "function", "name": "get_weather"},
          "parallel_tool_calls": true
        }
        """#

    static let reasoningRound = #"""
        {
          "model": "o4-mini",
          "reasoning": {"effort": "high", "summary": "auto"},
          "max_output_tokens": 300,
          "include": ["reasoning.encrypted_content"],
          "input": [
            {"role": "user", "content": [{"type": "input_text", "text": "Which is larger, 9.11 or 9.8?"}]},
            {"type": "reasoning", "id": "rs_6820f383d7c08191846711c5df8233bc0ac5ba57aafcbac7", "summary": [{"type": "summary_text", "text": "**Comparing decimals**"}, {"type": "summary_text", "text": "Tenths decide it."}], "encrypted_content": "gAAAAABoISQ24OyVRYbkYfukuZAd"},
            {"type": "message", "id": "msg_6820f3856f3c81919b4d4ee9e26e23a90ac5ba57aafcbac7", "role": "assistant", "status": "completed", "content": [{"type": "output_text", "text": "9.8 is larger.", "annotations": []}]},
            {"role": "user", "content": "Why?"}
          ]
        }
        """#

    static let imageAndFile = #"""
        {
          "model": "gpt-4.1-mini",
          "input": [
            {
              "role": "user",
              "content": [
                {"type": "input_text", "text": "what's in this image and this file?"},
                {"type": "input_image", "image_url": "https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg", "detail": "low"},
                {"type": "input_image", "file_id": "file-6F2ksmvXxt4VdoqmHRw6kL"},
                {"type": "input_file", "filename": "draconomicon.pdf", "file_data": "data:application/pdf;base64,JVBERi0xLjQK"}
              ]
            }
          ]
        }
        """#

    static let jsonSchema = #"""
        {
          "model": "gpt-4o-2024-08-06",
          "input": [
            {"role": "system", "content": "Extract the event information."},
            {"role": "user", "content": "Alice and Bob are going to a science fair on Friday."}
          ],
          "text": {
            "format": {
              "type": "json_schema",
              "name": "calendar_event",
              "description": "An event on a calendar.",
              "schema": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "date": {"type": "string"}, "participants": {"type": "array", "items": {"type": "string"}}},
                "required": ["name", "date", "participants"],
                "additionalProperties": false
              },
              "strict": true
            },
            "verbosity": "low"
          },
          "temperature": 0.2,
          "top_p": 0.9,
          "user": "user-1234",
          "stream": true
        }
        """#

    static let builtInTool = #"""
        {
          "model": "gpt-4.1",
          "tools": [
            {"type": "web_search_preview", "search_context_size": "low"},
            {"type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}}}
          ],
          "input": "What was a positive news story from today?",
          "background": false,
          "prompt_cache_key": "k-1"
        }
        """#

    static let unknownItem = #"""
        {
          "model": "gpt-4.1",
          "input": [
            {"role": "user", "content": "Search the web."},
            {"type": "web_search_call", "id": "ws_67c9fa0502748190b7dd390736892e100be649c1a5ff9609", "status": "completed", "action": {"type": "search", "query": "news"}},
            {"type": "item_reference", "id": "msg_123"}
          ]
        }
        """#
}
