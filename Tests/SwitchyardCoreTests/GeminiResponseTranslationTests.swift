import Foundation
import Testing

@testable import SwitchyardCore

/// Non-streamed responses, usage and embeddings between the Gemini dialect and the OpenAI pivot.
@Suite struct GeminiResponseTranslationTests {
    typealias J = GeminiTestJSON

    static func openAI(_ json: String) throws -> ChatCompletionResponse {
        ChatCompletionResponse(
            gemini: try J.decode(GeminiGenerateContentResponse.self, json),
            requestedModel: "my-gemini",
            id: "chatcmpl-1",
            created: 1_700_000_000
        )
    }

    // MARK: Gemini provider → OpenAI client

    @Test func functionCallResponseBecomesToolCalls() throws {
        let response = try Self.openAI(GeminiWireTypesTests.functionCallResponse)
        #expect(response.id == "chatcmpl-1")
        #expect(response.model == "my-gemini")
        #expect(response.created == 1_700_000_000)
        let choice = try #require(response.choices.first)
        #expect(choice.finishReason == .toolCalls)
        #expect(choice.message.content == nil)
        #expect(choice.message.reasoningContent == "**Planning the meeting**")
        let call = try #require(choice.message.toolCalls?.first)
        #expect(call.id.hasPrefix("call_"))
        #expect(call.id.count == 29)
        #expect(call.function.name == "schedule_meeting")
        #expect(call.function.arguments == #"{"attendees":["Bob","Alice"],"date":"2025-03-27","time":"10:00","topic":"Q3 planning"}"#)
        #expect(call.extra == ["extra_content": ["google": ["thought_signature": "CiQBVKhc7oOmX3fUk5xk2vIBeWsuKQ=="]]])
        // Same response, same ids; ids come from the response id, not the call's content.
        #expect(try Self.openAI(GeminiWireTypesTests.functionCallResponse).choices[0].message.toolCalls?[0].id == call.id)
        let other = GeminiWireTypesTests.functionCallResponse.replacingOccurrences(of: "TR7caMKjBLmKjMcPvbHx6Qs", with: "other")
        #expect(try Self.openAI(other).choices[0].message.toolCalls?[0].id != call.id)

        let usage = try #require(response.usage)
        #expect(usage.promptTokens == 104)
        #expect(usage.completionTokens == 41 + 68)
        #expect(usage.totalTokens == 213)
        #expect(usage.completionTokensDetails?.reasoningTokens == 68)
        #expect(usage.promptTokensDetails == nil)
    }

    @Test func candidatesBecomeChoices() throws {
        let response = try Self.openAI(#"""
            {"candidates": [
              {"content": {"role": "model", "parts": [{"text": "Hello"}, {"text": " world", "thoughtSignature": "c2ln"}]}, "finishReason": "STOP", "index": 0},
              {"content": {"role": "model", "parts": [{"functionCall": {"id": "fc-9", "name": "f", "args": {"a": 1}}}, {"text": "calling"}]}, "finishReason": "MAX_TOKENS", "index": 1}
            ],
             "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 5, "cachedContentTokenCount": 4, "toolUsePromptTokenCount": 3, "totalTokenCount": 18}}
            """#)
        #expect(response.choices.count == 2)
        #expect(response.choices[0].message.content == .text("Hello world"))
        #expect(response.choices[0].message.extra["extra_content"]?["google"]?["thought_signature"] == "c2ln")
        #expect(response.choices[0].finishReason == .stop)
        #expect(response.choices[1].index == 1)
        #expect(response.choices[1].message.toolCalls?.map(\.id) == ["fc-9"])
        #expect(response.choices[1].message.content == .text("calling"))
        #expect(response.choices[1].finishReason == .length)
        #expect(response.usage?.promptTokens == 13)
        #expect(response.usage?.completionTokens == 5)
        #expect(response.usage?.totalTokens == 18)
        #expect(response.usage?.promptTokensDetails?.cachedTokens == 4)
    }

    @Test(arguments: [
        ("STOP", false, FinishReason.stop), ("STOP", true, .toolCalls), ("MAX_TOKENS", true, .length),
        ("SAFETY", false, .contentFilter), ("RECITATION", false, .contentFilter), ("BLOCKLIST", false, .contentFilter),
        ("PROHIBITED_CONTENT", false, .contentFilter), ("SPII", false, .contentFilter),
        ("IMAGE_SAFETY", false, .contentFilter), ("LANGUAGE", false, .stop), ("OTHER", false, .stop),
        ("MALFORMED_FUNCTION_CALL", false, .stop), ("SOMETHING_NEW", false, .stop),
    ])
    func finishReasonsMap(gemini: String, calledFunctions: Bool, openAI: FinishReason) {
        #expect(GeminiFinishReason(rawValue: gemini).openAI(calledFunctions: calledFunctions) == openAI)
    }

    @Test func aBlockedPromptIsAnEmptyContentFilterChoice() throws {
        let response = try Self.openAI(#"{"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}, "usageMetadata": {"promptTokenCount": 7, "totalTokenCount": 7}}"#)
        #expect(response.choices == [ChatChoice(index: 0, message: ChatMessage(role: .assistant, content: .text("")), finishReason: .contentFilter)])
        #expect(response.usage?.promptTokens == 7)
        #expect(response.usage?.completionTokens == 0)
    }

    // MARK: OpenAI provider → Gemini client

    @Test func completionBecomesCandidates() throws {
        let completion = try J.decode(ChatCompletionResponse.self, #"""
            {"id": "chatcmpl-9", "object": "chat.completion", "created": 1, "model": "gpt-4.1",
             "choices": [
               {"index": 0, "message": {"role": "assistant", "content": "Let me check.", "reasoning_content": "thinking",
                 "tool_calls": [{"id": "call_abc", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"},
                   "extra_content": {"google": {"thought_signature": "c2ln"}}}]}, "finish_reason": "tool_calls"},
               {"index": 1, "message": {"role": "assistant", "content": "Too long"}, "finish_reason": "length"}
             ],
             "usage": {"prompt_tokens": 20, "completion_tokens": 12, "total_tokens": 32,
               "prompt_tokens_details": {"cached_tokens": 8}, "completion_tokens_details": {"reasoning_tokens": 5}}}
            """#)
        let response = GeminiGenerateContentResponse(openAI: completion)
        #expect(response.modelVersion == "gpt-4.1")
        #expect(response.responseId == "chatcmpl-9")
        let first = try #require(response.candidates?.first)
        #expect(
            first.content?.parts == [
                GeminiPart(text: "thinking", thought: true),
                GeminiPart(text: "Let me check."),
                GeminiPart(functionCall: GeminiFunctionCall(id: "call_abc", name: "get_weather", args: ["city": "Paris"]), thoughtSignature: "c2ln"),
            ]
        )
        #expect(first.content?.role == .model)
        #expect(first.finishReason == .stop)
        #expect(response.candidates?[1].finishReason == .maxTokens)
        #expect(
            response.usageMetadata
                == GeminiUsageMetadata(promptTokenCount: 20, candidatesTokenCount: 7, totalTokenCount: 32, cachedContentTokenCount: 8, thoughtsTokenCount: 5)
        )
    }

    @Test func malformedArgumentsFinishAsMalformedFunctionCall() throws {
        let completion = try J.decode(ChatCompletionResponse.self, #"""
            {"id": "x", "object": "chat.completion", "created": 1, "model": "m",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
               "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{\"a\": "}}]}, "finish_reason": "tool_calls"}]}
            """#)
        let candidate = try #require(GeminiGenerateContentResponse(openAI: completion).candidates?.first)
        #expect(candidate.finishReason == .malformedFunctionCall)
        #expect(candidate.content?.parts == [GeminiPart(text: "")])
        #expect(candidate.finishMessage != nil)
    }

    @Test func refusalsBecomeText() throws {
        let completion = ChatCompletionResponse(
            id: "x", created: 0, model: "m",
            choices: [ChatChoice(index: 0, message: ChatMessage(role: .assistant, refusal: "I can't help with that."), finishReason: .stop)]
        )
        let parts = GeminiGenerateContentResponse(openAI: completion).candidates?.first?.content?.parts
        #expect(parts == [GeminiPart(text: "I can't help with that.")])
    }

    @Test(arguments: [
        (FinishReason.stop, GeminiFinishReason.stop), (.toolCalls, .stop), (.functionCall, .stop), (.length, .maxTokens),
        (.contentFilter, .safety), (.other("eos"), .otherReason),
    ])
    func openAIFinishReasonsMap(openAI: FinishReason, gemini: GeminiFinishReason) {
        #expect(GeminiFinishReason(openAI: openAI) == gemini)
    }

    @Test func responsesRoundTripThroughThePivot() throws {
        let original = try J.decode(GeminiGenerateContentResponse.self, GeminiWireTypesTests.functionCallResponse)
        let back = GeminiGenerateContentResponse(openAI: ChatCompletionResponse(gemini: original, requestedModel: "gemini-2.5-flash", id: "r", created: 0))
        let parts = try #require(back.candidates?.first?.content?.parts)
        #expect(parts[0] == GeminiPart(text: "**Planning the meeting**", thought: true))
        #expect(parts[1].functionCall?.name == "schedule_meeting")
        #expect(parts[1].functionCall?.args == original.candidates?.first?.content?.parts[1].functionCall?.args)
        #expect(parts[1].thoughtSignature == "CiQBVKhc7oOmX3fUk5xk2vIBeWsuKQ==")
        #expect(back.candidates?.first?.finishReason == .stop)
        #expect(back.usageMetadata?.promptTokenCount == 104)
        #expect(back.usageMetadata?.candidatesTokenCount == 41)
        #expect(back.usageMetadata?.thoughtsTokenCount == 68)
        #expect(back.usageMetadata?.totalTokenCount == 213)
    }

    // MARK: Embeddings

    @Test func embedContentBecomesAnOpenAIRequestAndBack() throws {
        let gemini = try J.decode(
            GeminiEmbedContentRequest.self,
            #"{"content": {"parts": [{"text": "What is"}, {"text": "the meaning of life?"}]}, "taskType": "RETRIEVAL_QUERY", "outputDimensionality": 3}"#
        )
        let request = try EmbeddingRequest(geminiEmbed: gemini, model: "text-embedding-3-small")
        #expect(request.model == "text-embedding-3-small")
        #expect(request.input == .string("What is\nthe meaning of life?"))
        #expect(request.dimensions == 3)
        #expect(request.extra == ["task_type": "RETRIEVAL_QUERY"])

        let openAI = EmbeddingResponse(data: [Embedding(index: 0, embedding: .base64(encoding: [0.5, -1, 2]))], model: "text-embedding-3-small")
        #expect(try GeminiEmbedContentResponse(openAI: openAI).embedding.values == [0.5, -1, 2])
        #expect(throws: GatewayError.self) { try GeminiEmbedContentResponse(openAI: EmbeddingResponse(data: [], model: "m")) }
    }

    @Test func batchEmbedBecomesOneOpenAIRequest() throws {
        let gemini = try J.decode(GeminiBatchEmbedContentsRequest.self, #"""
            {"requests": [
              {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "a"}]}, "outputDimensionality": 2},
              {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "b"}]}, "outputDimensionality": 2}
            ]}
            """#)
        let request = try EmbeddingRequest(geminiBatch: gemini, model: "embed")
        #expect(request.input == .strings(["a", "b"]))
        #expect(request.dimensions == 2)
        let openAI = EmbeddingResponse(
            data: [Embedding(index: 1, embedding: .floats([3])), Embedding(index: 0, embedding: .floats([1, 2]))],
            model: "embed"
        )
        #expect(try GeminiBatchEmbedContentsResponse(openAI: openAI).embeddings.map(\.values) == [[1, 2], [3]])
    }

    @Test func batchEmbedRefusesWhatOneOpenAIRequestCannotSay() throws {
        let mixed = try J.decode(GeminiBatchEmbedContentsRequest.self, #"""
            {"requests": [{"content": {"parts": [{"text": "a"}]}, "taskType": "RETRIEVAL_QUERY"},
                          {"content": {"parts": [{"text": "b"}]}, "taskType": "RETRIEVAL_DOCUMENT"}]}
            """#)
        #expect(J.rejectedParam { _ = try EmbeddingRequest(geminiBatch: mixed, model: "m") } == "requests[1]")
        let image = try J.decode(GeminiEmbedContentRequest.self, #"{"content": {"parts": [{"text": "a"}, {"inlineData": {"mimeType": "image/png", "data": "AA=="}}]}}"#)
        #expect(J.rejectedParam { _ = try EmbeddingRequest(geminiEmbed: image, model: "m") } == "content.parts[1]")
        #expect(try EmbeddingRequest(geminiEmbed: image, model: "m", dropUnsupported: true).input == .string("a"))
    }

    @Test func openAIEmbeddingsGoToAGeminiProvider() throws {
        let request = try J.decode(
            EmbeddingRequest.self,
            #"{"model": "gemini-embedding-001", "input": ["x", "y"], "dimensions": 256, "encoding_format": "base64", "task_type": "CLUSTERING"}"#
        )
        let batch = try GeminiBatchEmbedContentsRequest(openAI: request, model: "gemini-embedding-001")
        #expect(
            try J.wire(batch)
                == J.tree(#"""
                    {"requests": [
                      {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "x"}]}, "taskType": "CLUSTERING", "outputDimensionality": 256},
                      {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "y"}]}, "taskType": "CLUSTERING", "outputDimensionality": 256}
                    ]}
                    """#)
        )
        let tokens = try J.decode(EmbeddingRequest.self, #"{"model": "m", "input": [1, 2, 3]}"#)
        #expect(J.rejectedParam { _ = try GeminiBatchEmbedContentsRequest(openAI: tokens, model: "m") } == "input")

        let answer = GeminiBatchEmbedContentsResponse(embeddings: [GeminiContentEmbedding(values: [1, 0.5]), GeminiContentEmbedding(values: [-2])])
        let floats = EmbeddingResponse(geminiBatch: answer, model: "gemini-embedding-001")
        #expect(floats.data.map(\.embedding) == [.floats([1, 0.5]), .floats([-2])])
        #expect(floats.data.map(\.index) == [0, 1])
        #expect(floats.usage == nil)
        let base64 = EmbeddingResponse(geminiBatch: answer, model: "gemini-embedding-001", encodingFormat: .base64)
        #expect(base64.data.map(\.embedding.floatValues) == [[1, 0.5], [-2]])
        if case .floats = base64.data[0].embedding { Issue.record("expected base64") }
    }
}
