import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// OpenAI's images, speech and transcription answered by Gemini, and Cohere's rerank answered
/// by Jina and Voyage: what each provider receives in its own shape, what the client gets back
/// in its shape, and what it costs.
@Suite struct MediaTranslationTests {
    struct Fakes {
        let gemini: FakeGeminiMediaUpstream
        let jina: FakeJinaUpstream
        let voyage: FakeVoyageUpstream

        static func start() async throws -> Fakes {
            Fakes(gemini: try await .start(), jina: try await .start(), voyage: try await .start())
        }

        func stop() async {
            await gemini.stop()
            await jina.stop()
            await voyage.stop()
        }
    }

    static func config(_ fakes: Fakes) throws -> GatewayConfig {
        try TestConfig.load(
            """
            model_list:
              - {model_name: banana, litellm_params: {model: gemini/gemini-2.5-flash-image, api_base: "\(fakes.gemini.baseURL)", api_key: g-key}}
              - {model_name: imagen, litellm_params: {model: gemini/imagen-4.0-generate-001, api_base: "\(fakes.gemini.baseURL)", api_key: g-key}}
              - {model_name: gemini-tts, litellm_params: {model: gemini/gemini-2.5-flash-preview-tts, api_base: "\(fakes.gemini.baseURL)", api_key: g-key}}
              - model_name: gemini-hears
                litellm_params: {model: gemini/gemini-2.5-flash, api_base: "\(fakes.gemini.baseURL)", api_key: g-key}
                model_info: {input_cost_per_second: 0.001}
              - {model_name: jina, litellm_params: {model: jina_ai/jina-reranker-v2-base-multilingual, api_base: "\(fakes.jina.baseURL)/v1", api_key: j-key}, model_info: {input_cost_per_token: 0.00000002}}
              - {model_name: voyage, litellm_params: {model: voyage/rerank-2, api_base: "\(fakes.voyage.baseURL)/v1", api_key: v-key}}
            general_settings:
              master_key: sk-master-123
            """
        )
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: [.authorization: "Bearer sk-master-123", .contentType: "application/json"], body: ByteBuffer(string: body))
    }

    static func credits(_ response: TestResponse) -> Double? {
        response.headers[HTTPField.Name("x-credits-used")!].flatMap(Double.init)
    }

    @Test func aGeminiImageModelMakesOnePictureACallAndIsPricedOnItsImageTokens() async throws {
        let fakes = try await Fakes.start()
        defer { Task { await fakes.stop() } }
        try await withGateway(try Self.config(fakes)) { client in
            let answer = try await Self.post(client, "/v1/images/generations", #"{"model":"banana","prompt":"a lighthouse","n":2,"size":"1792x1024"}"#)
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            let data = try #require(answer.body.json["data"] as? [[String: Any]])
            #expect(data.count == 2)
            #expect(data.allSatisfy { ($0["b64_json"] as? String) == FakeGeminiMediaUpstream.pixel })
            let sent = fakes.gemini.requests
            #expect(sent.count == 2)
            #expect(sent.allSatisfy { $0.path == "/v1beta/models/gemini-2.5-flash-image:generateContent" })
            let config = try #require(sent.first?.json["generationConfig"] as? [String: Any])
            #expect(config["responseModalities"] as? [String] == ["TEXT", "IMAGE"])
            #expect((config["imageConfig"] as? [String: Any])?["aspectRatio"] as? String == "16:9")
            // Two calls: 10 prompt tokens at $0.30/M and 1290 image tokens at $30/M each.
            let expected = 2 * (10 * 3e-7 + 1290 * 3e-5)
            #expect(abs((Self.credits(answer) ?? 0) - expected) < 1e-9)
        }
    }

    @Test func imagenMakesEveryPictureInOnePredictAndIsPricedPerImage() async throws {
        let fakes = try await Fakes.start()
        defer { Task { await fakes.stop() } }
        try await withGateway(try Self.config(fakes)) { client in
            let answer = try await Self.post(client, "/v1/images/generations", #"{"model":"imagen","prompt":"a lighthouse","n":3,"response_format":"url"}"#)
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            let data = try #require(answer.body.json["data"] as? [[String: Any]])
            #expect(data.count == 3)
            #expect((data.first?["url"] as? String)?.hasPrefix("data:image/png;base64,") == true)
            let sent = try #require(fakes.gemini.requests.first)
            #expect(fakes.gemini.requests.count == 1)
            #expect(sent.path == "/v1beta/models/imagen-4.0-generate-001:predict")
            #expect((sent.json["parameters"] as? [String: Any])?["sampleCount"] as? Int == 3)
            #expect((sent.json["instances"] as? [[String: Any]])?.first?["prompt"] as? String == "a lighthouse")
            #expect(Self.credits(answer) == 0.12)
        }
    }

    @Test func geminiSpeechComesBackAsWAVAndOtherFormatsAreRefusedBeforeAnyCall() async throws {
        let fakes = try await Fakes.start()
        defer { Task { await fakes.stop() } }
        try await withGateway(try Self.config(fakes)) { client in
            let answer = try await Self.post(client, "/v1/audio/speech", #"{"model":"gemini-tts","input":"Good morning","voice":"alloy"}"#)
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            #expect(answer.headers[.contentType] == "audio/wav")
            let bytes = Array(answer.body.readableBytesView)
            #expect(bytes.count == 44 + FakeGeminiMediaUpstream.pcm.count)
            #expect(String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF" && String(decoding: bytes[8..<12], as: UTF8.self) == "WAVE")
            // 24 kHz: the sample rate at byte 24, little-endian.
            #expect(Int(bytes[24]) | Int(bytes[25]) << 8 | Int(bytes[26]) << 16 == 24000)
            let sent = try #require(fakes.gemini.requests.first?.json)
            let speech = (sent["generationConfig"] as? [String: Any])?["speechConfig"] as? [String: Any]
            let voice = ((speech?["voiceConfig"] as? [String: Any])?["prebuiltVoiceConfig"] as? [String: Any])?["voiceName"] as? String
            #expect(voice != nil && voice != "alloy", "an OpenAI voice maps to a Gemini voice")
            let mp3 = try await Self.post(client, "/v1/audio/speech", #"{"model":"gemini-tts","input":"Good morning","voice":"alloy","response_format":"mp3"}"#)
            #expect(mp3.status == .badRequest)
            #expect(AdminClient.error(mp3)["code"] as? String == "unsupported_response_format")
            #expect(fakes.gemini.requests.count == 1)
        }
    }

    @Test func aTranscriptionUploadReachesGeminiAsInlineAudioAndComesBackInTheAskedFormat() async throws {
        let fakes = try await Fakes.start()
        defer { Task { await fakes.stop() } }
        try await withGateway(try Self.config(fakes)) { client in
            let wav = WAVAudio.tone(seconds: 2, sampleRate: 8000)
            for (format, expectedType) in [("json", "application/json"), ("srt", "text/plain; charset=utf-8"), ("text", "text/plain; charset=utf-8")] {
                var form = MultipartWriter()
                form.addFile(name: "file", filename: "hello.wav", contentType: "audio/wav", bytes: wav)
                form.addField(name: "model", value: "gemini-hears")
                form.addField(name: "response_format", value: format)
                let answer = try await client.execute(
                    uri: "/v1/audio/transcriptions", method: .post,
                    headers: [.authorization: "Bearer sk-master-123", .contentType: form.contentType], body: form.finish()
                )
                #expect(answer.status == .ok, "\(format): \(String(buffer: answer.body))")
                #expect(answer.headers[.contentType] == expectedType)
                let text = String(buffer: answer.body)
                switch format {
                case "json": #expect(answer.body.json["text"] as? String == "hello from gemini")
                case "srt": #expect(text.contains("00:00:00,000 --> 00:00:02,000") && text.contains("hello from gemini"))
                default: #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "hello from gemini")
                }
                // Priced per second of the upload, measured from the WAV: 2 s at $0.001.
                #expect(Self.credits(answer) == 0.002)
            }
            let sent = try #require(fakes.gemini.requests.last?.json)
            let parts = ((sent["contents"] as? [[String: Any]])?.first?["parts"] as? [[String: Any]]) ?? []
            let inline = parts.first?["inlineData"] as? [String: Any]
            #expect(inline?["mimeType"] as? String == "audio/wav")
            #expect(inline?["data"] as? String == Data(wav).base64EncodedString())
        }
    }

    @Test func jinaAndVoyageRerankAnswerInCoheresShape() async throws {
        let fakes = try await Fakes.start()
        defer { Task { await fakes.stop() } }
        try await withGateway(try Self.config(fakes)) { client in
            let jina = try await Self.post(client, "/v1/rerank", #"{"model":"jina","query":"capital","documents":["Paris","Bananas","Rome"],"top_n":2,"return_documents":true}"#)
            #expect(jina.status == .ok, "\(String(buffer: jina.body))")
            let results = try #require(jina.body.json["results"] as? [[String: Any]])
            #expect(results.map { $0["index"] as? Int } == [2, 1, 0])
            #expect((results.first?["document"] as? [String: Any])?["text"] as? String == "Rome", "v1 returns the documents asked for")
            let sentToJina = try #require(fakes.jina.requests.first)
            #expect(sentToJina.path == "/v1/rerank")
            #expect(sentToJina.headers["authorization"] == "Bearer j-key")
            #expect(sentToJina.json["model"] as? String == "jina-reranker-v2-base-multilingual" && sentToJina.json["top_n"] as? Int == 2)
            #expect(abs((Self.credits(jina) ?? 0) - 42 * 2e-8) < 1e-15)

            let voyage = try await Self.post(client, "/v2/rerank", #"{"model":"voyage","query":"capital","documents":["Paris","Rome"],"top_n":1}"#)
            #expect(voyage.status == .ok, "\(String(buffer: voyage.body))")
            let voyageResults = try #require(voyage.body.json["results"] as? [[String: Any]])
            #expect(voyageResults.first?["document"] == nil, "v2 never returns documents")
            let sentToVoyage = try #require(fakes.voyage.requests.first)
            #expect(sentToVoyage.json["top_k"] as? Int == 1 && sentToVoyage.json["documents"] as? [String] == ["Paris", "Rome"])
            // rerank-2 at $0.05/M tokens, from the built-in table.
            #expect(abs((Self.credits(voyage) ?? 0) - 42 * 5e-8) < 1e-15)
        }
    }
}
