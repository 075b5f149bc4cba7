import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

/// The mock's OpenAI audio endpoints: speech, transcriptions and translations.
@Suite struct MockAudioTests {
    private static func speech(_ json: String) -> MockProviderHandler.Answer {
        MockMedia.post("/v1/audio/speech", json: json)
    }

    private static func seconds(_ answer: MockProviderHandler.Answer) -> Double? {
        AudioDuration.seconds(of: ByteBuffer(bytes: MockMedia.bytes(answer)), filename: nil, contentType: nil)
    }

    @Test("speech: WAV whose length follows the input and the speed")
    func speech() {
        let input = String(repeating: "a", count: 50)
        let answer = Self.speech(#"{"model":"tts-1","input":"\#(input)","voice":"alloy"}"#)
        #expect(answer.status == 200)
        #expect(answer.contentType == "audio/wav")
        #expect(Self.seconds(answer) == 3)
        #expect(MockMedia.bytes(answer) == MockMedia.bytes(Self.speech(#"{"model":"tts-1","input":"\#(input)","voice":"alloy"}"#)))
        #expect(Self.seconds(Self.speech(#"{"model":"tts-1","input":"\#(input)","voice":"alloy","speed":2}"#)) == 1.5)
        #expect(Self.seconds(Self.speech(#"{"model":"tts-1","input":"hi","voice":"alloy"}"#)) == 0.2)
        let long = String(repeating: "word ", count: 200)
        #expect(Self.seconds(Self.speech(#"{"model":"tts-1","input":"\#(long)","voice":"alloy"}"#)) == 30)
        // Another voice, another pitch.
        #expect(MockMedia.bytes(Self.speech(#"{"model":"tts-1","input":"\#(input)","voice":"nova"}"#)) != MockMedia.bytes(answer))
    }

    @Test("speech formats: wav and compressed ones are WAV, pcm is raw samples", arguments: ["mp3", "opus", "aac", "flac", "wav"])
    func speechFormats(format: String) {
        let answer = Self.speech(#"{"model":"gpt-4o-mini-tts","input":"hello there","voice":"coral","response_format":"\#(format)","instructions":"cheerful"}"#)
        #expect(answer.contentType == "audio/wav")
        #expect(Array(MockMedia.bytes(answer).prefix(4)) == Array("RIFF".utf8))
    }

    @Test("speech pcm: 24 kHz 16-bit samples without a header")
    func speechPCM() {
        let answer = Self.speech(#"{"model":"tts-1","input":"\#(String(repeating: "b", count: 10))","voice":"alloy","response_format":"pcm"}"#)
        #expect(answer.contentType == "audio/pcm")
        #expect(MockMedia.bytes(answer).count == 14400 * 2)
    }

    @Test("speech errors", arguments: [
        (#"{"model":"tts-1","voice":"alloy"}"#, "input"), (#"{"model":"tts-1","input":"x"}"#, "voice"),
        (#"{"model":"tts-1","input":"x","voice":"alloy","speed":5}"#, "speed"),
        (#"{"model":"tts-1","input":"x","voice":"alloy","response_format":"ogg"}"#, "response_format"),
    ])
    func speechErrors(json: String, param: String) throws {
        let answer = Self.speech(json)
        #expect(answer.status == 400)
        #expect(try MockMedia.openAIError(answer)["param"] as? String == param)
    }

    @Test("transcription json: text and duration usage in whole seconds", arguments: ["/v1/audio/transcriptions", "/audio/transcriptions"])
    func transcriptionJSON(path: String) throws {
        let answer = MockMedia.post(path, form: MockMedia.audioForm(seconds: 4.4))
        #expect(answer.status == 200)
        let body = try MockMedia.object(answer)
        let text = try #require(body["text"] as? String)
        #expect(text.split(separator: " ").count == 11)  // 4.4 s × 2.5 words
        #expect(text.hasSuffix("."))
        let usage = try #require(body["usage"] as? [String: Any])
        #expect(usage["type"] as? String == "duration")
        #expect(usage["seconds"] as? Int == 5)
        #expect(MockMedia.bytes(MockMedia.post(path, form: MockMedia.audioForm(seconds: 4.4))) == MockMedia.bytes(answer))
    }

    @Test("the transcript grows with the audio", arguments: [0.1, 1.0, 8.0, 40.0])
    func transcriptLength(seconds: Double) throws {
        let body = try MockMedia.object(MockMedia.post("/v1/audio/transcriptions", form: MockMedia.audioForm(seconds: seconds)))
        let words = (body["text"] as? String)?.split(separator: " ").count
        #expect(words == max(1, Int((seconds * 2.5).rounded())))
    }

    @Test("unknown containers fall back to 32,000 bytes a second")
    func fallbackDuration() throws {
        var form = MultipartWriter(boundary: "b")
        form.addFile(name: "file", filename: "speech.m4a", contentType: "audio/mp4", bytes: [UInt8](repeating: 7, count: 64000))
        form.addField(name: "model", value: "whisper-1")
        let body = try MockMedia.object(MockMedia.post("/v1/audio/transcriptions", form: form))
        #expect((body["text"] as? String)?.split(separator: " ").count == 5)
    }

    @Test("verbose_json: segments, words when asked, the language named")
    func verbose() throws {
        let form = MockMedia.audioForm(seconds: 10, fields: [
            ("response_format", "verbose_json"), ("language", "de"), ("temperature", "0.2"),
            ("timestamp_granularities[]", "word"), ("timestamp_granularities[]", "segment"),
        ])
        let body = try MockMedia.object(MockMedia.post("/v1/audio/transcriptions", form: form))
        #expect(body["task"] as? String == "transcribe")
        #expect(body["language"] as? String == "german")
        #expect(body["duration"] as? Double == 10)
        let segments = try #require(body["segments"] as? [[String: Any]])
        #expect(segments.count == 3)  // 25 words in tens
        for key in ["id", "seek", "start", "end", "text", "tokens", "temperature", "avg_logprob", "compression_ratio", "no_speech_prob"] {
            #expect(segments.allSatisfy { $0[key] != nil }, "segment key \(key)")
        }
        #expect(segments[0]["start"] as? Double == 0)
        #expect(segments[2]["end"] as? Double == 10)
        #expect(segments[0]["temperature"] as? Double == 0.2)
        let joined = segments.compactMap { $0["text"] as? String }.joined()
        #expect(" " + (body["text"] as? String ?? "") == joined)
        let words = try #require(body["words"] as? [[String: Any]])
        #expect(words.count == 25)
        #expect(words.last?["end"] as? Double == 10)
        let plain = try MockMedia.object(MockMedia.post("/v1/audio/transcriptions", form: MockMedia.audioForm(seconds: 10, fields: [("response_format", "verbose_json")])))
        #expect(plain["words"] == nil)
        #expect(plain["language"] as? String == "english")
    }

    @Test("text, srt and vtt answer plain text")
    func textFormats() {
        let text = MockMedia.post("/v1/audio/transcriptions", form: MockMedia.audioForm(seconds: 6, fields: [("response_format", "text")]))
        #expect(text.contentType.hasPrefix("text/plain"))
        #expect(MockMedia.text(text).hasSuffix(".\n"))
        let srt = MockMedia.text(MockMedia.post("/v1/audio/transcriptions", form: MockMedia.audioForm(seconds: 6, fields: [("response_format", "srt")])))
        #expect(srt.hasPrefix("1\n00:00:00,000 --> 00:00:04,000\n"))
        #expect(srt.contains("2\n00:00:04,000 --> 00:00:06,000\n"))
        let vtt = MockMedia.text(MockMedia.post("/v1/audio/transcriptions", form: MockMedia.audioForm(seconds: 6, fields: [("response_format", "vtt")])))
        #expect(vtt.hasPrefix("WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n"))
    }

    @Test("translations: English text, a different transcript, translate task")
    func translations() throws {
        let form = MockMedia.audioForm(seconds: 3, fields: [("language", "fr")])
        let translated = try MockMedia.object(MockMedia.post("/v1/audio/translations", form: form))
        let transcribed = try MockMedia.object(MockMedia.post("/v1/audio/transcriptions", form: form))
        #expect(translated["text"] as? String != transcribed["text"] as? String)
        #expect((translated["text"] as? String)?.split(separator: " ").count == 8)
        let verbose = try MockMedia.object(MockMedia.post("/audio/translations", form: MockMedia.audioForm(seconds: 3, fields: [("response_format", "verbose_json")])))
        #expect(verbose["task"] as? String == "translate")
        #expect(verbose["language"] as? String == "english")
    }

    @Test("transcription errors: no file, no model, JSON body, bad format")
    func transcriptionErrors() throws {
        var noFile = MultipartWriter(boundary: "b")
        noFile.addField(name: "model", value: "whisper-1")
        #expect(try MockMedia.openAIError(MockMedia.post("/v1/audio/transcriptions", form: noFile))["param"] as? String == "file")
        var noModel = MultipartWriter(boundary: "b")
        noModel.addFile(name: "file", filename: "a.wav", contentType: "audio/wav", bytes: MockMedia.wav(seconds: 1))
        #expect(try MockMedia.openAIError(MockMedia.post("/v1/audio/transcriptions", form: noModel))["param"] as? String == "model")
        #expect(MockMedia.post("/v1/audio/transcriptions", json: #"{"model":"whisper-1"}"#).status == 400)
        let bad = MockMedia.post("/v1/audio/transcriptions", form: MockMedia.audioForm(seconds: 1, fields: [("response_format", "xml")]))
        #expect(bad.status == 400)
        let broken = MockMedia.handler.handle(path: "/v1/audio/transcriptions", contentType: "multipart/form-data; boundary=zz", body: ByteBuffer(string: "--zz\r\nno end"))
        #expect(broken.status == 400)
        #expect(MockMedia.post("/v1/audio/transcriptions", form: MockMedia.audioForm(seconds: 1, fields: [("prompt", "[[mock:status=500]]")])).status == 500)
    }
}
