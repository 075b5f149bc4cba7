import Foundation
import Testing

@testable import SwitchyardCore

/// Payloads from Anthropic's documentation and helpers shared by the Anthropic test suites.
enum AnthropicFixtures {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// The value encoded and read back as a JSON tree, to assert what goes on the wire.
    static func wire(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    static func json(_ text: String) throws -> JSONValue {
        try decode(JSONValue.self, text)
    }

    /// Decode → encode → decode gives an equal value, and the wire JSON is unchanged.
    @discardableResult
    static func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ text: String) throws -> T {
        let first = try decode(type, text)
        let second = try JSONDecoder().decode(type, from: JSONEncoder().encode(first))
        #expect(first == second)
        #expect(try wire(first) == json(text))
        return first
    }

    /// The `data:` payloads of an SSE fixture under `Fixtures/anthropic`, decoded as events,
    /// with the `event:` names they were sent under.
    static func events(_ name: String) throws -> [(name: String, event: AnthropicStreamEvent)] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "sse", subdirectory: "Fixtures/anthropic"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n")
            guard let nameLine = lines.first(where: { $0.hasPrefix("event: ") }),
                let dataLine = lines.first(where: { $0.hasPrefix("data: ") })
            else { return nil }
            let event = try decode(AnthropicStreamEvent.self, String(dataLine.dropFirst(6)))
            return (String(nameLine.dropFirst(7)), event)
        }
    }

    // MARK: Requests (Anthropic's tool use, vision and extended thinking guides)

    static let toolUseConversation = #"""
        {
          "model": "claude-opus-4-1",
          "max_tokens": 1024,
          "tools": [
            {
              "name": "get_weather",
              "description": "Get the current weather in a given location",
              "input_schema": {
                "type": "object",
                "properties": {
                  "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                  "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "description": "The unit of temperature, either 'celsius' or 'fahrenheit'"}
                },
                "required": ["location"]
              }
            }
          ],
          "messages": [
            {"role": "user", "content": "What is the weather like in San Francisco?"},
            {
              "role": "assistant",
              "content": [
                {"type": "text", "text": "<thinking>I need to use get_weather, and the user wants SF, which is likely San Francisco, CA.</thinking>"},
                {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather", "input": {"location": "San Francisco, CA", "unit": "celsius"}}
              ]
            },
            {
              "role": "user",
              "content": [
                {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9", "content": "15 degrees"}
              ]
            }
          ]
        }
        """#

    static let visionRequest = #"""
        {
          "model": "claude-sonnet-4-5",
          "max_tokens": 1024,
          "messages": [
            {
              "role": "user",
              "content": [
                {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQSkZJRgABAQ=="}},
                {"type": "image", "source": {"type": "url", "url": "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg"}},
                {"type": "text", "text": "Describe these images."}
              ]
            }
          ]
        }
        """#

    /// Extended thinking with tool use: the assistant turn sent back with its signed thinking,
    /// prompt caching breakpoints on the system prompt, a tool and the tool result.
    static let thinkingToolConversation = #"""
        {
          "model": "claude-sonnet-4-5",
          "max_tokens": 16000,
          "thinking": {"type": "enabled", "budget_tokens": 10000},
          "system": [
            {"type": "text", "text": "You are a weather assistant."},
            {"type": "text", "text": "Long reference material…", "cache_control": {"type": "ephemeral"}}
          ],
          "tools": [
            {
              "name": "get_weather",
              "description": "Get current weather for a location",
              "input_schema": {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]},
              "cache_control": {"type": "ephemeral"}
            }
          ],
          "messages": [
            {"role": "user", "content": "What's the weather in Paris?"},
            {
              "role": "assistant",
              "content": [
                {"type": "thinking", "thinking": "The user wants to know the current weather in Paris. I have access to a function `get_weather`...", "signature": "BDaL4VrbR2Oj0hO4XpJxT28J5TILnCrrUXoKiiNBZW9P+nr8XSj1zuZzAl4egiCCpQNvfyUuFFJP5CncdYZEQPPmLxYsNrcs...."},
                {"type": "text", "text": "I can help you get the current weather information for Paris. Let me check that for you"},
                {"type": "tool_use", "id": "toolu_01CswdEQBMshySk6Y9DFKrfq", "name": "get_weather", "input": {"location": "Paris"}}
              ]
            },
            {
              "role": "user",
              "content": [
                {"type": "tool_result", "tool_use_id": "toolu_01CswdEQBMshySk6Y9DFKrfq", "content": "Current temperature: 88°F", "cache_control": {"type": "ephemeral"}}
              ]
            }
          ]
        }
        """#

    // MARK: Responses

    static let toolUseResponse = #"""
        {
          "id": "msg_01Aq9w938a90dw8q",
          "model": "claude-opus-4-1",
          "stop_reason": "tool_use",
          "stop_sequence": null,
          "role": "assistant",
          "type": "message",
          "content": [
            {"type": "text", "text": "I'll check the current weather in San Francisco for you."},
            {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather", "input": {"location": "San Francisco, CA", "unit": "celsius"}}
          ],
          "usage": {"input_tokens": 410, "output_tokens": 70, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "service_tier": "standard"}
        }
        """#

    static let thinkingResponse = #"""
        {
          "id": "msg_01ThinkingExample",
          "type": "message",
          "role": "assistant",
          "model": "claude-sonnet-4-5",
          "content": [
            {"type": "thinking", "thinking": "Let me analyze this step by step...", "signature": "WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL...."},
            {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB9URj2pLmN3kF8/dW5hR7xJ0aP1oLs9yTcMnKVf2wRpEGjH9XZaBt4UvDcPrQ..."},
            {"type": "text", "text": "Based on my analysis..."}
          ],
          "stop_reason": "end_turn",
          "stop_sequence": null,
          "usage": {"input_tokens": 2095, "output_tokens": 503}
        }
        """#
}
