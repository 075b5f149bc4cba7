import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

/// The mock's Gemini media: Imagen `:predict`, image and speech output, audio transcripts.
@Suite struct MockGeminiMediaTests {
    private static func candidateParts(_ body: [String: Any]) throws -> [[String: Any]] {
        let candidate = try #require((body["candidates"] as? [[String: Any]])?.first)
        #expect(candidate["finishReason"] as? String == "STOP")
        let content = try #require(candidate["content"] as? [String: Any])
        #expect(content["role"] as? String == "model")
        return try #require(content["parts"] as? [[String: Any]])
    }

    @Test("Imagen :predict: sampleCount PNGs")
    func predict() throws {
        let request = #"{"instances":[{"prompt":"a lighthouse"}],"parameters":{"sampleCount":2,"aspectRatio":"16:9"}}"#
        let answer = MockMedia.post("/v1beta/models/imagen-4.0-generate-001:predict", json: request)
        #expect(answer.status == 200)
        let predictions = try #require(try MockMedia.object(answer)["predictions"] as? [[String: Any]])
        #expect(predictions.count == 2)
        #expect(predictions.allSatisfy { $0["mimeType"] as? String == "image/png" })
        let images = try predictions.map { try MockMedia.png($0["bytesBase64Encoded"]) }
        #expect(images[0] != images[1])
        #expect(MockMedia.bytes(MockMedia.post("/v1beta/models/imagen-4.0-generate-001:predict", json: request)) == MockMedia.bytes(answer))
        let defaults = try MockMedia.object(MockMedia.post("/v1beta/models/imagen-4.0-generate-001:predict", json: #"{"instances":[{"prompt":"x"}]}"#))
        #expect((defaults["predictions"] as? [Any])?.count == 4)
        let tooMany = MockMedia.post("/v1beta/models/imagen-4.0-generate-001:predict", json: #"{"instances":[{"prompt":"x"}],"parameters":{"sampleCount":5}}"#)
        #expect(tooMany.status == 400)
        #expect(try MockMedia.object(tooMany)["error"] is [String: Any])
        #expect(MockMedia.post("/v1beta/models/imagen-4.0-generate-001:predict", json: #"{"instances":[{"prompt":"[[mock:status=429]]"}]}"#).status == 429)
    }

    @Test("generateContent with IMAGE: text and an inline PNG, usage")
    func image() throws {
        let request = #"{"contents":[{"role":"user","parts":[{"text":"draw a cat"}]}],"generationConfig":{"responseModalities":["TEXT","IMAGE"]}}"#
        let answer = MockMedia.post("/v1beta/models/gemini-2.5-flash-image:generateContent", json: request)
        #expect(answer.status == 200)
        let body = try MockMedia.object(answer)
        let parts = try Self.candidateParts(body)
        #expect(parts.count == 2)
        #expect(parts[0]["text"] is String)
        let inline = try #require(parts[1]["inlineData"] as? [String: Any])
        #expect(inline["mimeType"] as? String == "image/png")
        _ = try MockMedia.png(inline["data"])
        let usage = try #require(body["usageMetadata"] as? [String: Any])
        #expect(usage["promptTokenCount"] as? Int == 3)
        #expect((usage["candidatesTokenCount"] as? Int ?? 0) > 1290)
        #expect(usage["totalTokenCount"] as? Int == (usage["promptTokenCount"] as? Int ?? 0) + (usage["candidatesTokenCount"] as? Int ?? 0))
        #expect(MockMedia.bytes(MockMedia.post("/v1beta/models/gemini-2.5-flash-image:generateContent", json: request)) == MockMedia.bytes(answer))
    }

    @Test("generateContent with AUDIO: raw PCM at 24 kHz, no WAV header")
    func speech() throws {
        let text = String(repeating: "x", count: 40)
        let request = #"{"contents":[{"parts":[{"text":"\#(text)"}]}],"generationConfig":{"responseModalities":["AUDIO"],"speechConfig":{"voiceConfig":{"prebuiltVoiceConfig":{"voiceName":"Puck"}}}}}"#
        let body = try MockMedia.object(MockMedia.post("/v1beta/models/gemini-2.5-flash-preview-tts:generateContent", json: request))
        let parts = try Self.candidateParts(body)
        #expect(parts.count == 1)
        let inline = try #require(parts[0]["inlineData"] as? [String: Any])
        let mime = try #require(inline["mimeType"] as? String)
        #expect(mime == "audio/L16;codec=pcm;rate=24000")
        let data = try #require(inline["data"] as? String)
        let pcm = try #require(Data(base64Encoded: data))
        #expect(!pcm.starts(with: Array("RIFF".utf8)))
        let format = try #require(WAVAudio.pcmFormat(mimeType: mime))
        #expect(Double(pcm.count) / Double(format.sampleRate * 2) == 2.4)  // 40 characters × 0.06 s
        let usage = try #require(body["usageMetadata"] as? [String: Any])
        #expect(usage["candidatesTokenCount"] as? Int == 60)
        let other = request.replacingOccurrences(of: "Puck", with: "Kore")
        let otherBody = try MockMedia.object(MockMedia.post("/v1beta/models/gemini-2.5-flash-preview-tts:generateContent", json: other))
        #expect((try Self.candidateParts(otherBody)[0]["inlineData"] as? [String: Any])?["data"] as? String != inline["data"] as? String)
    }

    @Test("audio inlineData without an output modality: a transcript as long as the audio", arguments: [2.0, 6.0])
    func transcript(seconds: Double) throws {
        let audio = Data(WAVAudio.tone(seconds: seconds, sampleRate: 16000)).base64EncodedString()
        let request = #"{"contents":[{"role":"user","parts":[{"text":"Transcribe this"},{"inlineData":{"mimeType":"audio/wav","data":"\#(audio)"}}]}]}"#
        let body = try MockMedia.object(MockMedia.post("/v1beta/models/gemini-2.5-flash:generateContent", json: request))
        let parts = try Self.candidateParts(body)
        let text = try #require(parts.first?["text"] as? String)
        #expect(text.split(separator: " ").count == Int(seconds * 2.5))
        let usage = try #require(body["usageMetadata"] as? [String: Any])
        #expect(usage["promptTokenCount"] as? Int == 2 + Int(seconds * 32))
        let details = try #require(usage["promptTokensDetails"] as? [[String: Any]])
        #expect(details.contains { $0["modality"] as? String == "AUDIO" })
    }

    @Test("raw PCM input is timed by its MIME type; streams answer one event")
    func pcmInputAndStream() throws {
        let pcm = Data(WAVAudio.tonePCM(seconds: 4, sampleRate: 24000)).base64EncodedString()
        let request = #"{"contents":[{"parts":[{"inline_data":{"mime_type":"audio/L16;codec=pcm;rate=24000","data":"\#(pcm)"}}]}]}"#
        let body = try MockMedia.object(MockMedia.post("/v1beta/models/gemini-2.5-flash:generateContent", json: request))
        #expect((try Self.candidateParts(body).first?["text"] as? String)?.split(separator: " ").count == 10)
        let stream = MockMedia.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", json: request)
        #expect(stream.contentType == "text/event-stream")
        #expect(stream.chunks.count == 1)
        let event = MockMedia.text(stream)
        #expect(event.hasPrefix("data: {"))
        #expect(event.hasSuffix("}\r\n\r\n"))
    }

    @Test("plain text generateContent still goes through the chat mock")
    func plainText() throws {
        let body = try MockMedia.object(MockMedia.post("/v1beta/models/gemini-2.5-flash:generateContent", json: #"{"contents":[{"role":"user","parts":[{"text":"hello"}]}]}"#))
        let parts = try Self.candidateParts(body)
        #expect((parts.first?["text"] as? String)?.contains("Switchyard mock reply to: hello") == true)
    }
}
