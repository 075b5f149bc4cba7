import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// Speech-to-text across a chain of providers ("self-hosted Whisper first, then Groq, then
/// OpenAI"), uploads as forms or as base64 JSON, and answers in every format, priced per second.
@Suite struct TranscriptionRoutingTests {
    static func config(local: FakeMediaUpstream, groq: FakeMediaUpstream, openAI: FakeMediaUpstream) throws -> GatewayConfig {
        try TestConfig.load(
            """
            model_list:
              - {model_name: whisper-local, litellm_params: {model: hosted_vllm/openai/whisper-large-v3, api_base: "\(local.baseURL)/v1", api_key: local}}
              - {model_name: whisper-groq, litellm_params: {model: groq/whisper-large-v3, api_base: "\(groq.baseURL)/v1", api_key: gsk}}
              - {model_name: whisper-openai, litellm_params: {model: openai/whisper-1, api_base: "\(openAI.baseURL)/v1", api_key: sk-up}}
            router_settings:
              num_retries: 0
              fallbacks: [{whisper-local: [whisper-groq, whisper-openai]}]
            general_settings:
              master_key: sk-master-123
            """
        )
    }

    static let wav = WAVAudio.tone(seconds: 3, sampleRate: 8000)

    static func form(model: String, format: String) -> MultipartWriter {
        var form = MultipartWriter(boundary: "meeting-upload")
        form.addFile(name: "file", filename: "meeting.wav", contentType: "audio/wav", bytes: wav)
        form.addField(name: "model", value: model)
        form.addField(name: "response_format", value: format)
        form.addField(name: "timestamp_granularities[]", value: "segment")
        return form
    }

    static func send(_ client: any TestClientProtocol, _ form: MultipartWriter, path: String = "/v1/audio/transcriptions") async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: [.authorization: "Bearer sk-master-123", .contentType: form.contentType], body: form.finish())
    }

    @Test func aTranscriptionFallsBackAcrossThreeProvidersWithTheSameUpload() async throws {
        let local = try await FakeMediaUpstream.start(.error(status: 503, message: "local whisper is down"))
        let groq = try await FakeMediaUpstream.start(.error(status: 429, message: "groq is busy", retryAfter: 1))
        let openAI = try await FakeMediaUpstream.start()
        defer { Task { await local.stop(); await groq.stop(); await openAI.stop() } }
        try await withGateway(try Self.config(local: local, groq: groq, openAI: openAI)) { client in
            let answer = try await Self.send(client, Self.form(model: "whisper-local", format: "verbose_json"))
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            #expect(answer.body.json["text"] as? String == "hello world")
            #expect(answer.headers[HTTPField.Name("x-fallback-from")!] == "whisper-local")
            #expect(answer.headers[HTTPField.Name("x-fallback-depth")!] == "2")
            #expect(answer.headers[HTTPField.Name("x-model-used")!] == "whisper-openai; deployment=openai/whisper-1")
            #expect(local.requests.count == 1 && groq.requests.count == 1 && openAI.requests.count == 1)
            // Each provider got the same audio, with its own model id in the form.
            for (fake, model) in [(local, "openai/whisper-large-v3"), (groq, "whisper-large-v3"), (openAI, "whisper-1")] {
                let body = try #require(fake.requests.first?.body)
                #expect(body == Data(buffer: Self.form(model: model, format: "verbose_json").finish()))
                #expect(FakeMediaUpstream.formValue("model", in: String(decoding: body, as: UTF8.self)) == model)
            }
            // whisper-1 at $0.006 a minute for the 12.5 s the upstream reported.
            #expect(answer.headers[HTTPField.Name("x-credits-used")!] == "0.00125")
        }
    }

    @Test func textFormatsStayTextAndAJSONAnswerWithoutADurationIsPricedOnTheMeasuredAudio() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(local: fake, groq: fake, openAI: fake)) { client in
            for format in ["text", "srt", "vtt"] {
                let answer = try await Self.send(client, Self.form(model: "whisper-openai", format: format), path: "/v1/audio/translations")
                #expect(answer.status == .ok)
                #expect(answer.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(String(buffer: answer.body).contains("hello world"))
                #expect(answer.headers[HTTPField.Name("x-credits-used")!] == "0.0003", "3 s measured from the WAV")
            }
            #expect(fake.requests.last?.path == "/v1/audio/translations")
            let json = try await Self.send(client, Self.form(model: "whisper-openai", format: "json"))
            #expect(json.body.json["text"] as? String == "hello world")
            #expect(json.headers[HTTPField.Name("x-credits-used")!] == "0.0003")
        }
    }

    @Test func base64AudioInJSONIsSentOnAsAnUpload() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(local: fake, groq: fake, openAI: fake)) { client in
            for file in [Data(Self.wav).base64EncodedString(), "data:audio/wav;base64," + Data(Self.wav).base64EncodedString()] {
                let body = #"{"model":"whisper-openai","file":"\#(file)","filename":"memo.wav","language":"en","timestamp_granularities":["word","segment"]}"#
                let answer = try await client.execute(
                    uri: "/v1/audio/transcriptions", method: .post,
                    headers: [.authorization: "Bearer sk-master-123", .contentType: "application/json"], body: ByteBuffer(string: body)
                )
                #expect(answer.status == .ok, "\(String(buffer: answer.body))")
                let sent = try #require(fake.requests.last)
                let boundary = try #require(MultipartForm.boundary(fromContentType: sent.headers["content-type"] ?? ""))
                let form = try MultipartForm(parsing: ByteBuffer(data: sent.body), contentType: "multipart/form-data; boundary=\(boundary)")
                #expect(form.files("file").first.map { Array($0.body.readableBytesView) } == Self.wav)
                #expect(form.files("file").first?.filename == "memo.wav")
                #expect(form.value("model") == "whisper-1" && form.value("language") == "en")
                #expect(form.values("timestamp_granularities") == ["word", "segment"])
            }
            let bad = try await client.execute(
                uri: "/v1/audio/transcriptions", method: .post, headers: [.authorization: "Bearer sk-master-123", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"whisper-openai","file":"%%% not base64 %%%"}"#)
            )
            #expect(bad.status == .badRequest)
            #expect(AdminClient.error(bad)["param"] as? String == "file")
        }
    }
}
