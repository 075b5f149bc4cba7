import Foundation
import Testing

@testable import SwitchyardCore

/// OpenAI speech to Gemini TTS and the PCM audio back.
@Suite struct SpeechTranslationTests {
    typealias J = GeminiTestJSON

    static func gemini(_ json: String) throws -> GeminiGenerateContentRequest {
        try GeminiGenerateContentRequest(openAISpeech: J.decode(SpeechRequest.self, json))
    }

    @Test func speechBecomesAudioGenerationWithAPrebuiltVoice() throws {
        let request = try Self.gemini(#"""
            {"model": "gemini-2.5-flash-preview-tts", "input": "Have a wonderful day!", "voice": "coral",
             "instructions": "Say cheerfully.", "response_format": "wav"}
            """#)
        #expect(try J.wire(request) == J.tree(#"""
            {"contents": [{"role": "user", "parts": [{"text": "Say cheerfully: Have a wonderful day!"}]}],
             "generationConfig": {"responseModalities": ["AUDIO"],
                                  "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Achird"}}}}}
            """#))
    }

    @Test func plainInputIsSpokenAsIs() throws {
        let request = try Self.gemini(#"{"model": "m", "input": "Hello there.", "voice": "alloy"}"#)
        #expect(request.contents.first?.parts.first?.text == "Hello there.")
        #expect(request.generationConfig?.speechConfig?.voiceConfig?.prebuiltVoiceConfig?.voiceName == "Kore")
    }

    @Test func speedBecomesAStyleHint() throws {
        let fast = try Self.gemini(#"{"model": "m", "input": "Hi", "voice": "echo", "speed": 1.5, "instructions": "Whisper"}"#)
        #expect(fast.contents.first?.parts.first?.text == "Whisper. Speak quickly: Hi")
        let slow = try Self.gemini(#"{"model": "m", "input": "Hi", "voice": "echo", "speed": 0.5}"#)
        #expect(slow.contents.first?.parts.first?.text == "Speak slowly: Hi")
        let normal = try Self.gemini(#"{"model": "m", "input": "Hi", "voice": "echo", "speed": 1}"#)
        #expect(normal.contents.first?.parts.first?.text == "Hi")
    }

    @Test func everyOpenAIVoiceHasAGeminiVoice() throws {
        for voice in ["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse"] {
            let name = try GeminiVoice.name(for: .name(voice))
            #expect(GeminiVoice.prebuilt.contains(name), "\(voice) → \(name)")
        }
        #expect(GeminiVoice.prebuilt.count == 30)
        #expect(try GeminiVoice.name(for: .name("puck")) == "Puck")
        #expect(try GeminiVoice.name(for: .name("Zubenelgenubi")) == "Zubenelgenubi")
    }

    @Test func refusalsNameTheField() {
        #expect(J.rejectedParam { _ = try Self.gemini(#"{"model": "m", "input": "Hi", "voice": "robot"}"#) } == "voice")
        #expect(J.rejectedParam { _ = try Self.gemini(#"{"model": "m", "input": "Hi", "voice": {"id": "voice_1"}}"#) } == "voice")
        #expect(J.rejectedParam { _ = try Self.gemini(#"{"model": "m", "input": "", "voice": "alloy"}"#) } == "input")
        #expect(J.rejectedParam { _ = try Self.gemini(#"{"model": "m", "input": "Hi", "voice": "alloy", "speed": 5}"#) } == "speed")
    }

    @Test func audioPartsBecomePCM() throws {
        let answer = try J.decode(GeminiGenerateContentResponse.self, #"""
            {"candidates": [{"content": {"role": "model", "parts": [
               {"inlineData": {"mimeType": "audio/L16;codec=pcm;rate=24000", "data": "AAABAAIA"}},
               {"inlineData": {"mimeType": "audio/L16;codec=pcm;rate=24000", "data": "AwA="}}
             ]}, "finishReason": "STOP", "index": 0}],
             "usageMetadata": {"promptTokenCount": 9, "candidatesTokenCount": 60, "totalTokenCount": 69},
             "modelVersion": "gemini-2.5-flash-preview-tts"}
            """#)
        let audio = try SpeechAudio(gemini: answer)
        #expect(audio == SpeechAudio(pcm: [0, 0, 1, 0, 2, 0, 3, 0], sampleRate: 24_000, channels: 1))
        #expect(SpeechAudio.supportedFormats == ["wav", "pcm"])
    }

    @Test func rateAndChannelsComeFromTheType() throws {
        let answer = try J.decode(GeminiGenerateContentResponse.self, #"""
            {"candidates": [{"content": {"parts": [{"inline_data": {"mime_type": "audio/pcm; rate=16000; channels=2", "data": "AAA="}}]}}]}
            """#)
        let audio = try SpeechAudio(gemini: answer)
        #expect(audio.sampleRate == 16_000 && audio.channels == 2 && audio.pcm == [0, 0])
    }

    @Test func noAudioIsAContentPolicyErrorAndOtherTypesAreUpstreamErrors() throws {
        let refused = try J.decode(GeminiGenerateContentResponse.self, #"{"candidates": [{"finishReason": "OTHER"}]}"#)
        let error = try #require(MediaTestSupport.gatewayError { _ = try SpeechAudio(gemini: refused) })
        #expect(error.code == "content_policy_violation" && error.message.contains("OTHER"))
        let mp3 = try J.decode(GeminiGenerateContentResponse.self, #"""
            {"candidates": [{"content": {"parts": [{"inlineData": {"mimeType": "audio/mpeg", "data": "AAA="}}]}}]}
            """#)
        #expect(MediaTestSupport.gatewayError { _ = try SpeechAudio(gemini: mp3) }?.status == 502)
    }
}
