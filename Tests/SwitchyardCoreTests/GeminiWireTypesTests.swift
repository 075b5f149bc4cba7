import Foundation
import Testing

@testable import SwitchyardCore

/// Decoding Gemini JSON (samples shaped as in Google's API reference and docs), both member
/// spellings, unknown members, open enums and what goes back on the wire.
@Suite struct GeminiWireTypesTests {
    typealias J = GeminiTestJSON

    /// The function-calling sample of Google's docs (REST tab).
    static let functionCallingRequest = #"""
        {
          "contents": [
            {"role": "user", "parts": [{"text": "Schedule a meeting with Bob and Alice for 03/27/2025 at 10:00 AM about the Q3 planning."}]}
          ],
          "tools": [
            {
              "functionDeclarations": [
                {
                  "name": "schedule_meeting",
                  "description": "Schedules a meeting with specified attendees at a given time and date.",
                  "parameters": {
                    "type": "object",
                    "properties": {
                      "attendees": {"type": "array", "items": {"type": "string"}, "description": "List of people attending the meeting."},
                      "date": {"type": "string", "description": "Date of the meeting (e.g., '2024-07-29')"},
                      "time": {"type": "string", "description": "Time of the meeting (e.g., '15:00')"},
                      "topic": {"type": "string", "description": "The subject or topic of the meeting."}
                    },
                    "required": ["attendees", "date", "time", "topic"]
                  }
                }
              ]
            }
          ],
          "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["schedule_meeting"]}}
        }
        """#

    /// Google's image-understanding and system-instruction samples use snake_case members.
    static let snakeCaseRequest = #"""
        {
          "system_instruction": {"parts": [{"text": "You are a cat. Your name is Neko."}]},
          "contents": [
            {
              "parts": [
                {"inline_data": {"mime_type": "image/jpeg", "data": "/9j/4AAQSkZJRg=="}},
                {"text": "Caption this image."}
              ]
            }
          ],
          "generation_config": {
            "max_output_tokens": 800,
            "stop_sequences": ["Title"],
            "thinking_config": {"thinking_budget": 1024, "include_thoughts": true}
          },
          "safety_settings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}]
        }
        """#

    /// A thinking model's function call: the signature rides on the first call part.
    static let functionCallResponse = #"""
        {
          "candidates": [
            {
              "content": {
                "role": "model",
                "parts": [
                  {"text": "**Planning the meeting**", "thought": true},
                  {"functionCall": {"name": "schedule_meeting", "args": {"attendees": ["Bob", "Alice"], "date": "2025-03-27", "time": "10:00", "topic": "Q3 planning"}}, "thoughtSignature": "CiQBVKhc7oOmX3fUk5xk2vIBeWsuKQ=="}
                ]
              },
              "finishReason": "STOP",
              "index": 0,
              "citationMetadata": {"citationSources": []}
            }
          ],
          "usageMetadata": {
            "promptTokenCount": 104,
            "candidatesTokenCount": 41,
            "totalTokenCount": 213,
            "thoughtsTokenCount": 68,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 104}]
          },
          "modelVersion": "gemini-2.5-flash",
          "responseId": "TR7caMKjBLmKjMcPvbHx6Qs"
        }
        """#

    // MARK: Requests

    @Test func decodesTheFunctionCallingSample() throws {
        let request = try J.roundTrip(GeminiGenerateContentRequest.self, Self.functionCallingRequest)
        #expect(request.contents.count == 1)
        #expect(request.contents[0].role == .user)
        let declaration = try #require(request.tools?.first?.functionDeclarations?.first)
        #expect(declaration.name == "schedule_meeting")
        #expect(declaration.parameters?["required"]?.arrayValue?.count == 4)
        #expect(declaration.parametersJsonSchema == nil)
        let calling = try #require(request.toolConfig?.functionCallingConfig)
        #expect(calling.mode == .any)
        #expect(calling.allowedFunctionNames == ["schedule_meeting"])
        #expect(try J.wire(request) == J.tree(Self.functionCallingRequest))
    }

    @Test func readsSnakeCaseAndWritesCamelCase() throws {
        let request = try J.decode(GeminiGenerateContentRequest.self, Self.snakeCaseRequest)
        #expect(request.systemInstruction?.parts.first?.text == "You are a cat. Your name is Neko.")
        #expect(request.contents[0].role == nil)
        #expect(request.contents[0].parts[0].inlineData == GeminiBlob(mimeType: "image/jpeg", data: "/9j/4AAQSkZJRg=="))
        #expect(request.generationConfig?.maxOutputTokens == 800)
        #expect(request.generationConfig?.stopSequences == ["Title"])
        #expect(request.generationConfig?.thinkingConfig == GeminiThinkingConfig(thinkingBudget: 1024, includeThoughts: true))
        #expect(request.safetySettings?.count == 1)
        #expect(request.extra.isEmpty)

        let wire = try J.wire(request)
        #expect(wire["systemInstruction"] != nil)
        #expect(wire["system_instruction"] == nil)
        #expect(wire["contents"]?.arrayValue?.first?["parts"]?.arrayValue?.first?["inlineData"]?["mimeType"] == "image/jpeg")
        #expect(wire["generationConfig"]?["thinkingConfig"]?["thinkingBudget"] == 1024)
        #expect(wire["safetySettings"]?.arrayValue?.first?["threshold"] == "BLOCK_ONLY_HIGH")
    }

    @Test func keepsUnknownMembersAtEveryLevel() throws {
        let json = #"""
            {
              "contents": [{"role": "user", "parts": [
                {"fileData": {"mimeType": "video/mp4", "fileUri": "https://www.youtube.com/watch?v=9hE5-98ZeCg"}, "videoMetadata": {"startOffset": "40s"}}
              ], "futureContentField": 1}],
              "tools": [{"googleSearch": {}}, {"codeExecution": {}}],
              "toolConfig": {"retrievalConfig": {"latLng": {"latitude": 1, "longitude": 2}}},
              "generationConfig": {"responseModalities": ["TEXT", "IMAGE"], "topK": 40},
              "cachedContent": "cachedContents/abc"
            }
            """#
        let request = try J.roundTrip(GeminiGenerateContentRequest.self, json)
        #expect(request.extra["cachedContent"] == "cachedContents/abc")
        #expect(request.contents[0].extra["futureContentField"] == 1)
        #expect(request.contents[0].parts[0].extra["videoMetadata"]?["startOffset"] == "40s")
        #expect(request.contents[0].parts[0].fileData?.fileUri == "https://www.youtube.com/watch?v=9hE5-98ZeCg")
        #expect(request.tools?.map { $0.extra.keys.sorted() } == [["googleSearch"], ["codeExecution"]])
        #expect(request.toolConfig?.extra["retrievalConfig"] != nil)
        #expect(request.generationConfig?.responseModalities == ["TEXT", "IMAGE"])
        #expect(request.generationConfig?.topK == 40)
        #expect(try J.wire(request) == J.tree(json))
    }

    @Test func writesOnlyWhatIsSet() throws {
        #expect(try J.wire(GeminiPart(text: "hi")) == ["text": "hi"])
        #expect(try J.wire(GeminiContent(role: .model, parts: [])) == ["role": "model", "parts": []])
        #expect(try J.wire(GeminiGenerateContentRequest(contents: [])) == ["contents": []])
        let call = GeminiPart(functionCall: GeminiFunctionCall(name: "f", args: [:]), thoughtSignature: "c2ln")
        #expect(try J.wire(call) == ["functionCall": ["name": "f", "args": [:]], "thoughtSignature": "c2ln"])
    }

    @Test func functionCallingModesAreOpenAndCaseInsensitive() throws {
        let any = try J.decode(GeminiFunctionCallingConfig.self, #"{"mode": "any"}"#)
        #expect(any.mode == .any)
        #expect(try J.wire(any) == ["mode": "ANY"])
        let validated = try J.decode(GeminiFunctionCallingConfig.self, #"{"mode": "VALIDATED"}"#)
        #expect(validated.mode == .validated)
        let future = try J.decode(GeminiFunctionCallingConfig.self, #"{"mode": "SOMETIMES"}"#)
        #expect(future.mode == .other("SOMETIMES"))
        #expect(try J.wire(future) == ["mode": "SOMETIMES"])
    }

    @Test func functionDeclarationsKeepEitherSchema() throws {
        let json = #"{"name": "f", "parametersJsonSchema": {"type": "object", "additionalProperties": false}, "behavior": "NON_BLOCKING"}"#
        let declaration = try J.roundTrip(GeminiFunctionDeclaration.self, json)
        #expect(declaration.parametersJsonSchema?["additionalProperties"] == false)
        #expect(declaration.extra["behavior"] == "NON_BLOCKING")
        #expect(throws: DecodingError.self) { try J.decode(GeminiFunctionDeclaration.self, #"{"description": "no name"}"#) }
    }

    // MARK: Responses

    @Test func decodesAFunctionCallWithItsSignature() throws {
        let response = try J.roundTrip(GeminiGenerateContentResponse.self, Self.functionCallResponse)
        let candidate = try #require(response.candidates?.first)
        #expect(candidate.finishReason == .stop)
        #expect(candidate.index == 0)
        #expect(candidate.extra["citationMetadata"] != nil)
        let parts = try #require(candidate.content?.parts)
        #expect(parts[0].isThought)
        #expect(parts[1].functionCall?.name == "schedule_meeting")
        #expect(parts[1].functionCall?.args?["attendees"] == ["Bob", "Alice"])
        #expect(parts[1].thoughtSignature == "CiQBVKhc7oOmX3fUk5xk2vIBeWsuKQ==")
        let usage = try #require(response.usageMetadata)
        #expect(usage.promptTokenCount == 104)
        #expect(usage.thoughtsTokenCount == 68)
        #expect(usage.extra["promptTokensDetails"] != nil)
        #expect(response.modelVersion == "gemini-2.5-flash")
        #expect(response.responseId == "TR7caMKjBLmKjMcPvbHx6Qs")
        #expect(try J.wire(response) == J.tree(Self.functionCallResponse))
    }

    @Test func decodesABlockedPrompt() throws {
        let json = #"""
            {"promptFeedback": {"blockReason": "SAFETY", "safetyRatings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH"}]},
             "usageMetadata": {"promptTokenCount": 8, "totalTokenCount": 8}, "modelVersion": "gemini-2.0-flash"}
            """#
        let response = try J.roundTrip(GeminiGenerateContentResponse.self, json)
        #expect(response.candidates == nil)
        #expect(response.promptFeedback?.blockReason == "SAFETY")
        #expect(response.promptFeedback?.safetyRatings?.count == 1)
    }

    @Test(arguments: [
        "STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "LANGUAGE", "OTHER", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
        "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS", "IMAGE_SAFETY",
        "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "IMAGE_OTHER", "NO_IMAGE", "FINISH_REASON_UNSPECIFIED",
    ])
    func knownFinishReasonsRoundTrip(raw: String) throws {
        let reason = GeminiFinishReason(rawValue: raw)
        if case .other = reason { Issue.record("\(raw) should be a known reason") }
        #expect(reason.rawValue == raw)
    }

    @Test func unknownFinishReasonsSurvive() throws {
        let candidate = try J.roundTrip(GeminiCandidate.self, #"{"finishReason": "NEW_REASON_2027", "index": 1}"#)
        #expect(candidate.finishReason == .other("NEW_REASON_2027"))
        #expect(try J.wire(candidate)["finishReason"] == "NEW_REASON_2027")
    }

    // MARK: Errors

    @Test func decodesTheErrorEnvelopeAndItsRetryDelay() throws {
        let json = #"""
            {
              "error": {
                "code": 429,
                "message": "You exceeded your current quota, please check your plan and billing details.",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                  {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests"}]},
                  {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "36s"}
                ]
              }
            }
            """#
        let body = try J.roundTrip(GeminiErrorBody.self, json)
        #expect(body.error.code == 429)
        #expect(body.error.status == "RESOURCE_EXHAUSTED")
        #expect(body.error.details?.count == 2)
        let error = GatewayError(gemini: body, status: 429)
        #expect(error.status == 429)
        #expect(error.code == "RESOURCE_EXHAUSTED")
        #expect(error.retryAfter == 36)
        #expect(error.isRetryable)
    }

    @Test func rendersAGatewayErrorInTheGeminiEnvelope() throws {
        let body = GeminiErrorBody(GatewayError.invalidRequest("bad", param: "contents"))
        #expect(try J.wire(body) == ["error": ["code": 400, "message": "bad", "status": "INVALID_ARGUMENT"]])
    }

    // MARK: Count tokens and embeddings

    @Test func countTokensTakesContentsOrAWholeRequest() throws {
        let bare = try J.roundTrip(GeminiCountTokensRequest.self, #"{"contents": [{"parts": [{"text": "The quick brown fox."}]}]}"#)
        #expect(bare.contents?.count == 1)
        let whole = try J.roundTrip(
            GeminiCountTokensRequest.self,
            #"{"generateContentRequest": {"model": "models/gemini-2.0-flash", "contents": [{"parts": [{"text": "hi"}]}], "systemInstruction": {"parts": [{"text": "be brief"}]}}}"#
        )
        #expect(whole.generateContentRequest?.systemInstruction?.parts.first?.text == "be brief")
        #expect(whole.generateContentRequest?.extra["model"] == "models/gemini-2.0-flash")
        let response = try J.roundTrip(
            GeminiCountTokensResponse.self,
            #"{"totalTokens": 31, "cachedContentTokenCount": 4, "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 31}]}"#
        )
        #expect(response.totalTokens == 31)
        #expect(response.cachedContentTokenCount == 4)
        #expect(response.extra["promptTokensDetails"] != nil)
    }

    @Test func embedContentRequestsAndResponses() throws {
        let single = try J.roundTrip(
            GeminiEmbedContentRequest.self,
            #"{"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "What is the meaning of life?"}]}, "taskType": "RETRIEVAL_DOCUMENT", "title": "Life", "outputDimensionality": 768}"#
        )
        #expect(single.taskType == "RETRIEVAL_DOCUMENT")
        #expect(single.outputDimensionality == 768)
        let snake = try J.decode(GeminiEmbedContentRequest.self, #"{"content": {"parts": [{"text": "x"}]}, "task_type": "CLUSTERING", "output_dimensionality": 3}"#)
        #expect(snake.taskType == "CLUSTERING")
        #expect(snake.outputDimensionality == 3)
        let batch = try J.roundTrip(
            GeminiBatchEmbedContentsRequest.self,
            #"{"requests": [{"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "a"}]}}, {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "b"}]}}]}"#
        )
        #expect(batch.requests.map(\.model) == ["models/gemini-embedding-001", "models/gemini-embedding-001"])
        let response = try J.roundTrip(GeminiEmbedContentResponse.self, #"{"embedding": {"values": [0.013168523, -0.008711934, 0.5]}}"#)
        #expect(response.embedding.values == [0.013168523, -0.008711934, 0.5])
        let batchResponse = try J.roundTrip(GeminiBatchEmbedContentsResponse.self, #"{"embeddings": [{"values": [1, 2]}, {"values": [3]}]}"#)
        #expect(batchResponse.embeddings.map(\.values) == [[1, 2], [3]])
        #expect(throws: DecodingError.self) { try J.decode(GeminiEmbedContentRequest.self, #"{"taskType": "X"}"#) }
    }
}
