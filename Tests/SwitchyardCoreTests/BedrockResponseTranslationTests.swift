import Foundation
import Testing

@testable import SwitchyardCore

@Suite("Bedrock Converse → OpenAI response")
struct BedrockResponseTranslationTests {
    static let toolAnswer = #"""
        {"output":{"message":{"role":"assistant","content":[
           {"reasoningContent":{"reasoningText":{"text":"Need weather.","signature":"sig-1"}}},
           {"text":"Checking "},{"text":"now."},
           {"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"unit":"c","city":"Paris"}}}
         ]}},
         "stopReason":"tool_use",
         "usage":{"inputTokens":30,"outputTokens":12,"totalTokens":92,"cacheReadInputTokens":40,"cacheWriteInputTokens":10},
         "metrics":{"latencyMs":712}}
        """#

    @Test("text, reasoning and tool calls translate, with usage counting cached input")
    func toolAnswerTranslates() throws {
        let response = ChatCompletionResponse(
            bedrock: try BedrockTestSupport.converseResponse(Self.toolAnswer),
            requestedModel: "claude",
            id: "chatcmpl-1",
            created: 1_719_835_200
        )
        let expected = #"""
            {"choices":[{"finish_reason":"tool_calls","index":0,"logprobs":null,"message":{\#
            "content":"Checking now.","reasoning_content":"Need weather.","role":"assistant",\#
            "thinking_blocks":[{"signature":"sig-1","thinking":"Need weather.","type":"thinking"}],\#
            "tool_calls":[{"function":{"arguments":"{\"city\":\"Paris\",\"unit\":\"c\"}","name":"get_weather"},"id":"tooluse_1","type":"function"}]}}],\#
            "created":1719835200,"id":"chatcmpl-1","model":"claude","object":"chat.completion",\#
            "usage":{"cache_creation_input_tokens":10,"completion_tokens":12,"prompt_tokens":80,"prompt_tokens_details":{"cached_tokens":40},"total_tokens":92}}
            """#
        #expect(BedrockTestSupport.json(response) == expected)
    }

    @Test("in JSON mode the json_tool_call input is the content and the answer stops")
    func jsonMode() throws {
        let text = #"{"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"t","name":"json_tool_call","input":{"name":"Ada"}}}]}},"stopReason":"tool_use","usage":{"inputTokens":1,"outputTokens":2,"totalTokens":3},"metrics":{"latencyMs":1}}"#
        let response = ChatCompletionResponse(bedrock: try BedrockTestSupport.converseResponse(text), requestedModel: "m", id: "x", created: 0, jsonMode: true)
        #expect(response.choices.first?.message.content == .text(#"{"name":"Ada"}"#))
        #expect(response.choices.first?.message.toolCalls == nil)
        #expect(response.choices.first?.finishReason == .stop)
    }

    @Test("stop reasons map to OpenAI finish reasons", arguments: [
        ("end_turn", FinishReason.stop),
        ("stop_sequence", .stop),
        ("max_tokens", .length),
        ("model_context_window_exceeded", .length),
        ("tool_use", .toolCalls),
        ("guardrail_intervened", .contentFilter),
        ("content_filtered", .contentFilter),
        ("malformed_tool_use", .other("malformed_tool_use")),
    ])
    func stopReasons(raw: String, expected: FinishReason) throws {
        let text = #"{"output":{"message":{"role":"assistant","content":[{"text":"x"}]}},"stopReason":"\#(raw)","usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2},"metrics":{"latencyMs":1}}"#
        let response = ChatCompletionResponse(bedrock: try BedrockTestSupport.converseResponse(text), requestedModel: "m", id: "x", created: 0)
        #expect(response.choices.first?.finishReason == expected)
    }

    @Test("an HTTP error answer becomes a gateway error with Bedrock's status and type")
    func httpErrors() {
        let error = GatewayError(
            bedrockStatus: 400,
            body: Array(#"{"message":"The model returned the following errors: messages: roles must alternate"}"#.utf8),
            errorTypeHeader: "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"
        )
        #expect(error.status == 400)
        #expect(error.upstreamType == "ValidationException")
        #expect(error.message.hasPrefix("The model returned"))
        let throttled = GatewayError(bedrockStatus: 429, body: Array(#"{"Message":"Too many requests"}"#.utf8))
        #expect(throttled.isRetryable)
        #expect(throttled.message == "Too many requests")
        #expect(GatewayError(bedrockException: "AccessDeniedException", message: "no").status == 403)
    }
}
