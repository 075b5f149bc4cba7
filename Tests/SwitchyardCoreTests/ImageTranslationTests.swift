import Foundation
import Testing

@testable import SwitchyardCore

/// OpenAI image generation and edits to Gemini image models and Imagen, and their answers back.
@Suite struct ImageTranslationTests {
    typealias J = GeminiTestJSON

    static func gemini(_ json: String) throws -> GeminiGenerateContentRequest {
        try GeminiGenerateContentRequest(openAIImages: J.decode(ImageGenerationRequest.self, json))
    }

    static func imagen(_ json: String) throws -> GeminiPredictRequest {
        try GeminiPredictRequest(openAIImages: J.decode(ImageGenerationRequest.self, json))
    }

    /// A `gemini-2.5-flash-image` answer as the Gemini API documents it: a text part, then the
    /// picture, with per-modality token details.
    static let geminiAnswer = #"""
        {
          "candidates": [{
            "content": {"role": "model", "parts": [
              {"text": "Here is a banana wearing a costume."},
              {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}}
            ]},
            "finishReason": "STOP",
            "index": 0
          }],
          "usageMetadata": {
            "promptTokenCount": 8, "candidatesTokenCount": 1298, "totalTokenCount": 1306,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 8}],
            "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 1290}, {"modality": "TEXT", "tokenCount": 8}]
          },
          "modelVersion": "gemini-2.5-flash-image",
          "responseId": "resp-1"
        }
        """#

    // MARK: OpenAI → Gemini image model

    @Test func generationBecomesGenerateContentWithImageOutput() throws {
        let json = #"{"model": "gemini-2.5-flash-image", "prompt": "A banana in a costume", "n": 2, "size": "1536x1024", "quality": "high", "response_format": "b64_json"}"#
        let request = try Self.gemini(json)
        #expect(try J.wire(request) == J.tree(#"""
            {"contents": [{"role": "user", "parts": [{"text": "A banana in a costume"}]}],
             "generationConfig": {"responseModalities": ["TEXT", "IMAGE"], "imageConfig": {"aspectRatio": "3:2"}}}
            """#))
        #expect(try J.decode(ImageGenerationRequest.self, json).imageCount == 2)
    }

    @Test(arguments: [
        ("1024x1024", "1:1"), ("1536x1024", "3:2"), ("1024x1536", "2:3"), ("1792x1024", "16:9"),
        ("1024x1792", "9:16"), ("256x256", "1:1"), ("2100x900", "21:9"), ("1000x800", "5:4"),
    ])
    func sizeBecomesTheNearestGeminiRatio(size: String, ratio: String) throws {
        let request = try Self.gemini(#"{"prompt": "p", "size": "\#(size)"}"#)
        #expect(request.generationConfig?.imageConfig?.aspectRatio == ratio)
    }

    @Test func autoOrMissingSizeLeavesTheRatioToTheModel() throws {
        #expect(try Self.gemini(#"{"prompt": "p", "size": "auto"}"#).generationConfig?.imageConfig == nil)
        #expect(try Self.gemini(#"{"prompt": "p"}"#).generationConfig?.imageConfig == nil)
        let explicit = try Self.gemini(#"{"prompt": "p", "size": "1024x1024", "aspect_ratio": "4:5"}"#)
        #expect(explicit.generationConfig?.imageConfig?.aspectRatio == "4:5")
    }

    @Test func refusalsNameTheField() {
        #expect(J.rejectedParam { _ = try Self.gemini(#"{"prompt": "p", "size": "big"}"#) } == "size")
        #expect(J.rejectedParam { _ = try Self.gemini(#"{"prompt": "p", "n": 0}"#) } == "n")
        #expect(J.rejectedParam { _ = try Self.gemini(#"{"prompt": "p", "n": 11}"#) } == "n")
        #expect(J.rejectedParam { _ = try Self.gemini(#"{"prompt": ""}"#) } == "prompt")
    }

    @Test func editSendsPicturesAndTheMaskAsInlineData() throws {
        let request = try GeminiGenerateContentRequest(
            openAIImageEdit: ImageGenerationRequest(prompt: "Add a hat", size: "1024x1024"),
            images: [InlineMedia(bytes: [1, 2, 3], mimeType: "image/png"), InlineMedia(bytes: [4], mimeType: "image/jpeg")],
            mask: InlineMedia(bytes: [9, 9], mimeType: "image/png")
        )
        let parts = try #require(request.contents.first?.parts)
        #expect(request.contents.first?.role == .user)
        #expect(parts.count == 5)
        #expect(parts[0].text == "Add a hat")
        #expect(parts[1].inlineData == GeminiBlob(mimeType: "image/png", data: "AQID"))
        #expect(parts[2].inlineData == GeminiBlob(mimeType: "image/jpeg", data: "BA=="))
        #expect(parts[3].text?.contains("mask") == true)
        #expect(parts[3].text?.contains("transparent") == true)
        #expect(parts[4].inlineData == GeminiBlob(mimeType: "image/png", data: "CQk="))
        #expect(request.generationConfig?.responseModalities == ["TEXT", "IMAGE"])
        #expect(request.generationConfig?.imageConfig?.aspectRatio == "1:1")
    }

    @Test func editRefusalsNameTheField() {
        let request = ImageGenerationRequest(prompt: "p")
        #expect(J.rejectedParam { _ = try GeminiGenerateContentRequest(openAIImageEdit: request, images: []) } == "image")
        #expect(J.rejectedParam {
            _ = try GeminiGenerateContentRequest(openAIImageEdit: request, images: [InlineMedia(bytes: [1], mimeType: "text/plain")])
        } == "image")
        #expect(J.rejectedParam {
            _ = try GeminiGenerateContentRequest(
                openAIImageEdit: request,
                images: [InlineMedia(bytes: [1], mimeType: "image/png")],
                mask: InlineMedia(bytes: [1], mimeType: "application/octet-stream")
            )
        } == "mask")
    }

    // MARK: Gemini image model → OpenAI

    @Test func answersBecomeB64JSONWithSummedUsage() throws {
        let answer = try J.decode(GeminiGenerateContentResponse.self, Self.geminiAnswer)
        let response = try ImagesResponse(gemini: [answer, answer], created: 1_700_000_000)
        #expect(try J.wire(response) == J.tree(#"""
            {"created": 1700000000,
             "data": [{"b64_json": "iVBORw0KGgo="}, {"b64_json": "iVBORw0KGgo="}],
             "output_format": "png",
             "usage": {"input_tokens": 16, "output_tokens": 2596, "total_tokens": 2612,
                       "input_tokens_details": {"text_tokens": 16},
                       "output_tokens_details": {"text_tokens": 16, "image_tokens": 2580}}}
            """#))
        let priced = Usage(images: try #require(response.usage))
        #expect(priced.promptTokens == 16 && priced.completionTokens == 2596)
    }

    @Test func urlFormatGivesDataURLs() throws {
        let answer = try J.decode(GeminiGenerateContentResponse.self, Self.geminiAnswer)
        let response = try ImagesResponse(gemini: [answer], responseFormat: .url, created: 1)
        #expect(response.data == [ImageData(url: "data:image/png;base64,iVBORw0KGgo=")])
    }

    @Test func thoughtPicturesAreLeftOut() throws {
        let json = #"""
            {"candidates": [{"content": {"role": "model", "parts": [
              {"inlineData": {"mimeType": "image/png", "data": "ZHJhZnQ="}, "thought": true},
              {"inlineData": {"mimeType": "image/jpeg", "data": "ZmluYWw="}}
            ]}, "finishReason": "STOP"}]}
            """#
        let response = try ImagesResponse(gemini: [J.decode(GeminiGenerateContentResponse.self, json)], created: 1)
        #expect(response.data.map(\.b64JSON) == ["ZmluYWw="])
        #expect(response.outputFormat == "jpeg")
        #expect(response.usage == nil)
    }

    @Test(arguments: [
        (#"{"candidates": [{"finishReason": "IMAGE_SAFETY", "finishMessage": "Unable to show the generated image.", "index": 0}]}"#, "IMAGE_SAFETY"),
        (#"{"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}}"#, "blocked (PROHIBITED_CONTENT)"),
        (#"{"candidates": [{"content": {"role": "model", "parts": [{"text": "I cannot draw that."}]}, "finishReason": "STOP"}]}"#, "I cannot draw that."),
    ])
    func noPictureIsAContentPolicyError(json: String, reason: String) throws {
        let answer = try J.decode(GeminiGenerateContentResponse.self, json)
        let error = try #require(MediaTestSupport.gatewayError { _ = try ImagesResponse(gemini: [answer], created: 1) })
        #expect(error.status == 400)
        #expect(error.code == "content_policy_violation")
        #expect(error.isContentPolicyViolation)
        #expect(error.message.contains(reason))
    }

    // MARK: OpenAI → Imagen

    @Test func generationBecomesImagenPredict() throws {
        let request = try Self.imagen(#"""
            {"model": "imagen-4.0-generate-001", "prompt": "Robot holding a red skateboard", "n": 3,
             "size": "1792x1024", "output_format": "jpeg", "output_compression": 80, "person_generation": "allow_adult"}
            """#)
        #expect(try J.wire(request) == J.tree(#"""
            {"instances": [{"prompt": "Robot holding a red skateboard"}],
             "parameters": {"sampleCount": 3, "aspectRatio": "16:9", "personGeneration": "allow_adult",
                            "includeRaiReason": true,
                            "outputOptions": {"mimeType": "image/jpeg", "compressionQuality": 80}}}
            """#))
    }

    @Test(arguments: [("1024x1024", "1:1"), ("1536x1024", "4:3"), ("1024x1536", "3:4"), ("1024x1792", "9:16")])
    func sizeBecomesTheNearestImagenRatio(size: String, ratio: String) throws {
        #expect(try Self.imagen(#"{"prompt": "p", "size": "\#(size)"}"#).parameters?.aspectRatio == ratio)
    }

    @Test func imagenRefusalsNameTheField() {
        #expect(J.rejectedParam { _ = try Self.imagen(#"{"prompt": "p", "n": 5}"#) } == "n")
        #expect(J.rejectedParam { _ = try Self.imagen(#"{"prompt": "p", "output_format": "gif"}"#) } == "output_format")
        #expect(J.rejectedParam { _ = try Self.imagen(#"{"prompt": "p", "size": "1024"}"#) } == "size")
    }

    @Test func imagenModelsPredict() {
        #expect(GeminiImageEndpoint(model: "imagen-4.0-generate-001") == .predict)
        #expect(GeminiImageEndpoint(model: "models/imagen-3.0-generate-002") == .predict)
        #expect(GeminiImageEndpoint(model: "gemini-2.5-flash-image") == .generateContent)
    }

    // MARK: Imagen → OpenAI

    @Test func predictionsBecomeImagesAndFilteredOnesAreSkipped() throws {
        let answer = try J.decode(GeminiPredictResponse.self, #"""
            {"predictions": [
              {"mimeType": "image/png", "bytesBase64Encoded": "AAAA"},
              {"raiFilteredReason": "56562880: The image was filtered by the safety filters."},
              {"bytesBase64Encoded": "BBBB", "mimeType": "image/png"}
            ]}
            """#)
        let response = try ImagesResponse(imagen: answer, created: 7)
        #expect(try J.wire(response) == J.tree(#"""
            {"created": 7, "data": [{"b64_json": "AAAA"}, {"b64_json": "BBBB"}], "output_format": "png"}
            """#))
    }

    @Test func everyPredictionFilteredIsAContentPolicyError() throws {
        let answer = try J.decode(GeminiPredictResponse.self, #"{"predictions": [{"raiFilteredReason": "Person generation is blocked."}]}"#)
        let error = try #require(MediaTestSupport.gatewayError { _ = try ImagesResponse(imagen: answer, created: 1) })
        #expect(error.code == "content_policy_violation")
        #expect(error.message.contains("Person generation is blocked."))
        let empty = try J.decode(GeminiPredictResponse.self, "{}")
        #expect(MediaTestSupport.gatewayError { _ = try ImagesResponse(imagen: empty, created: 1) }?.status == 400)
    }
}
