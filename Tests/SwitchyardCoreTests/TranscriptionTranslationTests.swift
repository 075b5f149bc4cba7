import Foundation
import Testing

@testable import SwitchyardCore

/// Transcription and translation through Gemini, and the provider-neutral answer formats.
@Suite struct TranscriptionTranslationTests {
    typealias J = GeminiTestJSON

    static let audio = InlineMedia(bytes: [1, 2, 3], mimeType: "audio/mpeg")

    // MARK: OpenAI upload → Gemini

    @Test func transcriptionSendsTheAudioAndAnInstruction() throws {
        let request = try GeminiGenerateContentRequest(
            openAITranscription: Self.audio, task: .transcribe, language: "de", prompt: "Swift, SwiftNIO", temperature: 0.2
        )
        let parts = try #require(request.contents.first?.parts)
        #expect(request.contents.first?.role == .user)
        #expect(parts.count == 2)
        #expect(parts[0].inlineData == GeminiBlob(mimeType: "audio/mpeg", data: "AQID"))
        let instruction = try #require(parts[1].text)
        #expect(instruction.hasPrefix("Generate a verbatim transcript of the speech"))
        #expect(instruction.contains(#""de""#))
        #expect(instruction.contains("Swift, SwiftNIO"))
        #expect(try J.wire(try #require(request.generationConfig)) == J.tree(#"{"temperature": 0.2}"#))
    }

    @Test func translationAsksForEnglish() throws {
        let request = try GeminiGenerateContentRequest(openAITranscription: Self.audio, task: .translate, language: "de")
        let instruction = try #require(request.contents.first?.parts.last?.text)
        #expect(instruction.hasPrefix("Translate the speech in this audio into English."))
        #expect(!instruction.contains(#""de""#))
        #expect(request.generationConfig == nil)
    }

    @Test func refusalsNameTheFile() {
        #expect(J.rejectedParam {
            _ = try GeminiGenerateContentRequest(openAITranscription: InlineMedia(bytes: [], mimeType: "audio/wav"), task: .transcribe)
        } == "file")
        #expect(J.rejectedParam {
            _ = try GeminiGenerateContentRequest(
                openAITranscription: InlineMedia(bytes: [1], mimeType: "application/octet-stream"), task: .transcribe
            )
        } == "file")
    }

    // MARK: Gemini → transcript

    @Test func answerTextBecomesTheTranscript() throws {
        let answer = try J.decode(GeminiGenerateContentResponse.self, #"""
            {"candidates": [{"content": {"role": "model", "parts": [{"text": "  Hallo Welt.\n"}]}, "finishReason": "STOP"}],
             "usageMetadata": {"promptTokenCount": 200, "candidatesTokenCount": 4, "totalTokenCount": 204,
                               "promptTokensDetails": [{"modality": "AUDIO", "tokenCount": 190}, {"modality": "TEXT", "tokenCount": 10}]}}
            """#)
        let transcript = try GeminiTranscript(gemini: answer)
        #expect(transcript.text == "Hallo Welt.")
        #expect(transcript.usage?.promptTokens == 200)
        #expect(transcript.usage?.completionTokens == 4)
        #expect(transcript.transcriptionUsage == .tokens(.init(
            inputTokens: 200, outputTokens: 4, totalTokens: 204,
            inputTokenDetails: .init(textTokens: 10, audioTokens: 190)
        )))
    }

    @Test func blockedAudioIsAContentPolicyError() throws {
        let answer = try J.decode(GeminiGenerateContentResponse.self, #"{"promptFeedback": {"blockReason": "SAFETY"}}"#)
        let error = try #require(MediaTestSupport.gatewayError { _ = try GeminiTranscript(gemini: answer) })
        #expect(error.code == "content_policy_violation")
        #expect(error.message.contains("SAFETY"))
    }

    // MARK: Rendering

    @Test func timestampsOfEachSubtitleFormat() {
        #expect(TranscriptionRendering.timestamp(1.5, separator: ",") == "00:00:01,500")
        #expect(TranscriptionRendering.timestamp(1.5, separator: ".") == "00:00:01.500")
        #expect(TranscriptionRendering.timestamp(3723.25, separator: ".") == "01:02:03.250")
        #expect(TranscriptionRendering.timestamp(0, separator: ",") == "00:00:00,000")
        #expect(TranscriptionRendering.timestamp(59.9996, separator: ",") == "00:01:00,000")
    }

    @Test func subtitlesWithoutSegmentsSpanTheWholeAudio() throws {
        let rendering = TranscriptionRendering(text: "Hello world.", durationSeconds: 4.25)
        let srt = try rendering.render(.srt)
        #expect(String(decoding: srt.body, as: UTF8.self) == "1\n00:00:00,000 --> 00:00:04,250\nHello world.\n")
        #expect(srt.contentType == "text/plain; charset=utf-8")
        let vtt = try rendering.render(.vtt)
        #expect(String(decoding: vtt.body, as: UTF8.self) == "WEBVTT\n\n00:00:00.000 --> 00:00:04.250\nHello world.\n")
        #expect(vtt.contentType == "text/plain; charset=utf-8")
    }

    @Test func subtitlesHaveOneCuePerSegment() throws {
        let rendering = TranscriptionRendering(
            text: "One. Two.",
            durationSeconds: 3,
            segments: [
                TranscriptionSegment(id: 0, start: 0, end: 1.2, text: " One."),
                TranscriptionSegment(id: 1, start: 1.2, end: 3, text: "\n\nTwo. "),
            ]
        )
        #expect(rendering.srt == "1\n00:00:00,000 --> 00:00:01,200\nOne.\n\n2\n00:00:01,200 --> 00:00:03,000\nTwo.\n")
        #expect(rendering.vtt == "WEBVTT\n\n00:00:00.000 --> 00:00:01.200\nOne.\n\n00:00:01.200 --> 00:00:03.000\nTwo.\n")
    }

    @Test func jsonAndTextFormats() throws {
        let rendering = TranscriptionRendering(text: "Hello world.", durationSeconds: 4.25)
        let json = try rendering.render(nil)
        #expect(json.contentType == "application/json")
        #expect(try J.decode(JSONValue.self, String(decoding: json.body, as: UTF8.self))
            == J.tree(#"{"text": "Hello world.", "usage": {"type": "duration", "seconds": 5}}"#))
        let plain = try rendering.render(.text)
        #expect(String(decoding: plain.body, as: UTF8.self) == "Hello world.\n")
        #expect(plain.contentType == "text/plain; charset=utf-8")
        let bare = try TranscriptionRendering(text: "Hi").render(.json)
        #expect(String(decoding: bare.body, as: UTF8.self) == #"{"text":"Hi"}"#)
    }

    @Test func verboseJSONHasTaskLanguageDurationAndSegments() throws {
        let usage = TranscriptionUsage.tokens(.init(inputTokens: 10, outputTokens: 2))
        let rendering = TranscriptionRendering(text: "Hello.", durationSeconds: 2.5, language: "english", task: .translate, usage: usage)
        let body = try rendering.render(.verboseJSON)
        #expect(body.contentType == "application/json")
        #expect(try J.decode(JSONValue.self, String(decoding: body.body, as: UTF8.self)) == J.tree(#"""
            {"task": "translate", "language": "english", "duration": 2.5, "text": "Hello.",
             "segments": [{"id": 0, "seek": 0, "start": 0, "end": 2.5, "text": "Hello.", "tokens": [], "temperature": 0,
                           "avg_logprob": 0, "compression_ratio": 0, "no_speech_prob": 0}],
             "usage": {"type": "tokens", "input_tokens": 10, "output_tokens": 2, "total_tokens": 12}}
            """#))
    }

    @Test func unknownFormatNamesTheField() {
        #expect(J.rejectedParam { _ = try TranscriptionRendering(text: "x").render(.init(rawValue: "diarized_json")) } == "response_format")
        #expect(TranscriptionFormat(rawValue: "verbose_json") == .verboseJSON)
    }

    @Test(arguments: [
        ("speech.wav", "audio/wav"), ("talk.MP3", "audio/mpeg"), ("a.mpga", "audio/mpeg"), ("a.mpeg", "audio/mpeg"),
        ("memo.m4a", "audio/mp4"), ("clip.mp4", "audio/mp4"), ("x.ogg", "audio/ogg"), ("x.webm", "audio/webm"),
        ("x.flac", "audio/flac"),
    ])
    func audioTypeFromTheFilename(filename: String, mimeType: String) {
        #expect(TranscriptionRendering.mimeType(forFilename: filename) == mimeType)
    }

    @Test func unknownFilenamesHaveNoType() {
        #expect(TranscriptionRendering.mimeType(forFilename: "notes.txt") == nil)
        #expect(TranscriptionRendering.mimeType(forFilename: "audio") == nil)
        #expect(TranscriptionRendering.mimeType(forFilename: "dir.wav/file") == nil)
    }
}
