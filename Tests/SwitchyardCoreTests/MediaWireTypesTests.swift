import Foundation
import Testing

@testable import SwitchyardCore

/// Round trips of the image, speech, transcription and rerank wire types: documented members
/// typed, unknown members kept.
@Suite struct MediaWireTypesTests {
    typealias J = GeminiTestJSON

    @Test func imageGenerationRequestKeepsUnknownMembers() throws {
        let json = #"""
            {"model": "gpt-image-1", "prompt": "A cat", "n": 1, "size": "1024x1024", "quality": "high",
             "response_format": "b64_json", "background": "transparent", "output_format": "webp",
             "output_compression": 50, "style": "vivid", "user": "u-1", "moderation": "low",
             "partial_images": 2, "stream": false, "aspect_ratio": "4:5", "vendor": {"seed": [1, 2]}}
            """#
        let request = try J.roundTrip(ImageGenerationRequest.self, json)
        #expect(request.responseFormat == .b64JSON)
        #expect(request.outputFormat == .webp)
        #expect(request.outputCompression == 50)
        #expect(request.extra.keys.sorted() == ["aspect_ratio", "partial_images", "stream", "vendor"])
        #expect(try J.wire(request) == J.tree(json))
    }

    @Test func imagesResponseOfAGPTImageModel() throws {
        let json = #"""
            {"created": 1713833628, "data": [{"b64_json": "iVBOR"}, {"url": "https://example.com/a.png", "revised_prompt": "A cat."}],
             "background": "transparent", "output_format": "png", "quality": "high", "size": "1024x1024",
             "usage": {"total_tokens": 100, "input_tokens": 50, "output_tokens": 50,
                       "input_tokens_details": {"text_tokens": 10, "image_tokens": 40}}}
            """#
        let response = try J.roundTrip(ImagesResponse.self, json)
        #expect(response.usage?.inputTokensDetails?.imageTokens == 40)
        #expect(response.data[1].revisedPrompt == "A cat.")
        #expect(try J.wire(response) == J.tree(json))
    }

    @Test func speechRequestTakesANamedOrCustomVoice() throws {
        let named = try J.roundTrip(SpeechRequest.self, #"{"model": "gpt-4o-mini-tts", "input": "Hi", "voice": "coral", "instructions": "Calm.", "response_format": "wav", "speed": 1.25, "stream_format": "audio", "x": 1}"#)
        #expect(named.voice == .name("coral"))
        #expect(named.extra == ["x": 1])
        let custom = try J.roundTrip(SpeechRequest.self, #"{"model": "tts-1", "input": "Hi", "voice": {"id": "voice_123"}}"#)
        #expect(custom.voice == .id("voice_123"))
        #expect(try J.wire(custom) == J.tree(#"{"model": "tts-1", "input": "Hi", "voice": {"id": "voice_123"}}"#))
    }

    @Test func verboseTranscriptionWithWordsAndDurationUsage() throws {
        let json = #"""
            {"task": "transcribe", "language": "english", "duration": 8.47, "text": "The beach was a popular spot.",
             "segments": [{"id": 0, "seek": 0, "start": 0.0, "end": 3.32, "text": " The beach was a popular spot.",
                           "tokens": [50364, 440], "temperature": 0.0, "avg_logprob": -0.28, "compression_ratio": 1.23,
                           "no_speech_prob": 0.009}],
             "words": [{"word": "The", "start": 0.0, "end": 0.24}],
             "usage": {"type": "duration", "seconds": 9}}
            """#
        let response = try J.roundTrip(TranscriptionResponse.self, json)
        #expect(response.segments?.first?.avgLogprob == -0.28)
        #expect(response.words?.first?.word == "The")
        #expect(response.usage == .duration(seconds: 9))
        #expect(try J.wire(response) == J.tree(json))
    }

    @Test func tokenUsageOfATranscription() throws {
        let json = #"""
            {"text": "Hello.", "usage": {"type": "tokens", "input_tokens": 14, "output_tokens": 45, "total_tokens": 59,
                                         "input_token_details": {"text_tokens": 0, "audio_tokens": 14}}}
            """#
        let response = try J.roundTrip(TranscriptionResponse.self, json)
        guard case .tokens(let tokens) = response.usage else {
            Issue.record("expected token usage")
            return
        }
        #expect(tokens.inputTokenDetails?.audioTokens == 14)
        #expect(try J.wire(response) == J.tree(json))
    }

    @Test func cohereRerankRequestsOfBothVersions() throws {
        let v1 = #"""
            {"model": "rerank-english-v3.0", "query": "capital?", "documents": ["Carson City", {"text": "Washington, D.C.", "id": 7}],
             "top_n": 2, "return_documents": true, "rank_fields": ["text"], "max_chunks_per_doc": 10}
            """#
        let request = try J.roundTrip(RerankRequest.self, v1)
        #expect(request.documents == [.text("Carson City"), .object(["text": "Washington, D.C.", "id": 7])])
        #expect(try J.wire(request) == J.tree(v1))
        let v2 = #"{"model": "rerank-v3.5", "query": "q", "documents": ["a"], "top_n": 1, "max_tokens_per_doc": 4096, "priority": 1}"#
        let second = try J.roundTrip(RerankRequest.self, v2)
        #expect(second.maxTokensPerDoc == 4096)
        #expect(second.extra == ["priority": 1])
    }

    @Test func cohereRerankResponse() throws {
        let json = #"""
            {"id": "07734bd2-2473-4f07-94e1-0d9f0e6843cf",
             "results": [{"index": 3, "relevance_score": 0.999071, "document": {"text": "Washington, D.C."}},
                         {"index": 4, "relevance_score": 0.7867867}],
             "meta": {"api_version": {"version": "2", "is_experimental": false}, "billed_units": {"search_units": 1},
                      "tokens": {"input_tokens": 120, "output_tokens": 0}}}
            """#
        let response = try J.roundTrip(RerankResponse.self, json)
        #expect(response.meta?.apiVersion?.extra == ["is_experimental": false])
        #expect(try J.wire(response) == J.tree(json))
    }

    @Test func geminiSpeechAndImageConfigAreTyped() throws {
        let json = #"""
            {"responseModalities": ["AUDIO"],
             "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Kore"}}, "languageCode": "en-US"},
             "imageConfig": {"aspectRatio": "16:9", "imageSize": "2K"}, "mediaResolution": "MEDIA_RESOLUTION_LOW"}
            """#
        let config = try J.roundTrip(GeminiGenerationConfig.self, json)
        #expect(config.speechConfig?.voiceConfig?.prebuiltVoiceConfig?.voiceName == "Kore")
        #expect(config.imageConfig?.imageSize == "2K")
        #expect(config.extra == ["mediaResolution": "MEDIA_RESOLUTION_LOW"])
        #expect(try J.wire(config) == J.tree(#"""
            {"responseModalities": ["AUDIO"],
             "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Kore"}}, "languageCode": "en-US"},
             "imageConfig": {"aspectRatio": "16:9", "imageSize": "2K"}, "mediaResolution": "MEDIA_RESOLUTION_LOW"}
            """#))
    }
}
