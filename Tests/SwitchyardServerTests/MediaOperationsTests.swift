import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// Images, speech, moderation, rerank and OCR through the pipeline to a provider that takes
/// the client's shape: what reaches the upstream, what comes back, and what it costs.
@Suite struct MediaOperationsTests {
    static func config(_ fake: FakeMediaUpstream) throws -> GatewayConfig {
        try TestConfig.load(
            """
            model_list:
              - {model_name: dall-e-3, litellm_params: {model: openai/dall-e-3, api_base: "\(fake.baseURL)/v1", api_key: sk-up}}
              - {model_name: gpt-image-1, litellm_params: {model: openai/gpt-image-1, api_base: "\(fake.baseURL)/v1", api_key: sk-up}}
              - {model_name: editor, litellm_params: {model: openai/gpt-image-1, api_base: "\(fake.baseURL)/v1", api_key: sk-up}}
              - {model_name: painter, litellm_params: {model: openai/my-painter, api_base: "\(fake.baseURL)/v1", api_key: sk-up}}
              - {model_name: tts-1, litellm_params: {model: openai/tts-1, api_base: "\(fake.baseURL)/v1", api_key: sk-up}}
              - {model_name: omni-moderation-latest, litellm_params: {model: openai/omni-moderation-latest, api_base: "\(fake.baseURL)/v1", api_key: sk-up}}
              - {model_name: rerank, litellm_params: {model: cohere/rerank-v3.5, api_base: "\(fake.baseURL)", api_key: co-key}}
              - {model_name: ocr, litellm_params: {model: mistral/mistral-ocr-latest, api_base: "\(fake.baseURL)/v1", api_key: mi-key}}
            general_settings:
              master_key: sk-master-123
            """
        )
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ body: String, key: String = "sk-master-123") async throws -> TestResponse {
        try await client.execute(
            uri: path, method: .post, headers: [.authorization: "Bearer \(key)", .contentType: "application/json"], body: ByteBuffer(string: body)
        )
    }

    @Test func imageGenerationPassesTheBodyThroughAndIsChargedPerImageBySizeAndQuality() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let answer = try await Self.post(
                client, "/v1/images/generations", #"{"model":"dall-e-3","prompt":"a lighthouse","n":2,"size":"1024x1024","style":"vivid","x_custom":1}"#
            )
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            #expect((answer.body.json["data"] as? [Any])?.count == 2)
            #expect(answer.headers[HTTPField.Name("x-credits-used")!] == "0.08")
            #expect(answer.headers[HTTPField.Name("x-model-used")!]?.hasPrefix("dall-e-3") == true)
            let sent = try #require(fake.requests.last)
            #expect(sent.path == "/v1/images/generations")
            #expect(sent.headers["authorization"] == "Bearer sk-up")
            #expect(sent.json["style"] as? String == "vivid" && sent.json["x_custom"] as? Int == 1, "unknown fields pass through")
            let logs = try await AdminClient(client: client).spendLogs("request_id=\(answer.headers[HTTPField.Name("x-request-id")!] ?? "")", count: 1)
            #expect(logs.first?["call_type"] as? String == "images/generations")
            #expect((logs.first?["units"] as? [String: Any])?["images"] as? Int == 2)
            #expect(logs.first?["cost_known"] as? Bool == true)
        }
    }

    @Test func tokenBilledImageModelsArePricedOnTheirImageTokens() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let answer = try await Self.post(client, "/v1/images/generations", #"{"model":"gpt-image-1","prompt":"a lighthouse"}"#)
            #expect(answer.status == .ok)
            // 20 text tokens at $5/M, 40 image tokens at $10/M, 4160 output image tokens at $40/M.
            let expected = 20 * 5e-6 + 40 * 1e-5 + 4160 * 4e-5
            let charged = try #require(answer.headers[HTTPField.Name("x-credits-used")!].flatMap(Double.init))
            #expect(abs(charged - expected) < 1e-9)
        }
    }

    @Test func anUnpricedImageModelIsLoggedAsCostUnknownNotFree() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let answer = try await Self.post(client, "/v1/images/generations", #"{"model":"painter","prompt":"a lighthouse"}"#)
            #expect(answer.status == .ok)
            #expect(answer.headers[HTTPField.Name("x-credits-used")!] == nil)
            let logs = try await AdminClient(client: client).spendLogs("request_id=\(answer.headers[HTTPField.Name("x-request-id")!] ?? "")", count: 1)
            #expect(logs.first?["cost_known"] as? Bool == false)
            #expect(logs.first?["spend"] as? Double == 0)
        }
    }

    @Test func anImageEditUploadReachesTheUpstreamByteForByteButForTheModel() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let image = PNGImage.solid(width: 3, height: 2, red: 200, green: 10, blue: 10)
            func form(model: String) -> MultipartWriter {
                var form = MultipartWriter(boundary: "edit-boundary-42")
                form.addField(name: "prompt", value: "add a red hat\r\n--edit-boundary-4 is not a boundary")
                form.addFile(name: "image[]", filename: "a.png", contentType: "image/png", bytes: image)
                form.addFile(name: "image[]", filename: "b.png", contentType: "image/png", bytes: image.reversed())
                form.addField(name: "model", value: model)
                form.addField(name: "n", value: "1")
                return form
            }
            let sentByClient = form(model: "editor")
            let answer = try await client.execute(
                uri: "/v1/images/edits", method: .post,
                headers: [.authorization: "Bearer sk-master-123", .contentType: sentByClient.contentType], body: sentByClient.finish()
            )
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            let received = try #require(fake.requests.last)
            #expect(received.path == "/v1/images/edits")
            #expect(received.headers["content-type"] == sentByClient.contentType)
            // Every byte as the client sent it, the model field now naming the upstream's id.
            #expect(received.body == Data(buffer: form(model: "gpt-image-1").finish()))
            #expect(received.body != Data(buffer: sentByClient.finish()))
            #expect(answer.headers[HTTPField.Name("x-credits-used")!] != nil)
        }
    }

    @Test func speechIsStreamedThroughInTheUpstreamsContentTypeAndChargedPerCharacter() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let answer = try await Self.post(client, "/v1/audio/speech", #"{"model":"tts-1","input":"Hello there","voice":"alloy","response_format":"mp3"}"#)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "audio/mpeg")
            #expect(answer.body.readableBytes == FakeMediaUpstream.speechBytes)
            #expect(answer.body.getBytes(at: answer.body.readerIndex, length: 3) == [0x49, 0x44, 0x33])
            let logs = try await AdminClient(client: client).spendLogs("request_id=\(answer.headers[HTTPField.Name("x-request-id")!] ?? "")", count: 1)
            let spend = try #require(logs.first?["spend"] as? Double)
            #expect(abs(spend - 11 * 1.5e-5) < 1e-12)
            #expect((logs.first?["units"] as? [String: Any])?["characters"] as? Int == 11)
        }
    }

    @Test func speechEventsAskedForWithStreamFormatSSEPassThroughAsAnEventStream() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let answer = try await Self.post(client, "/v1/audio/speech", #"{"model":"tts-1","input":"Hello there","voice":"alloy","stream_format":"sse"}"#)
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            #expect(answer.headers[.contentType] == "text/event-stream")
            let events = String(buffer: answer.body)
            #expect(events.hasPrefix(#"data: {"type":"speech.audio.delta","audio":"SUQzVVVV"}"#))
            #expect(events.contains(#""type":"speech.audio.done""#))
            #expect(fake.requests.last?.json["stream_format"] as? String == "sse")
            let logs = try await AdminClient(client: client).spendLogs("request_id=\(answer.headers[HTTPField.Name("x-request-id")!] ?? "")", count: 1)
            #expect((logs.first?["units"] as? [String: Any])?["characters"] as? Int == 11)
        }
    }

    @Test func aSpeechUpstreamsOwnErrorPassesThroughInOpenAIsEnvelope() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let answer = try await Self.post(client, "/v1/audio/speech", #"{"model":"tts-1","input":"","voice":"alloy"}"#)
            // The upstream's own 400 passes through in OpenAI's envelope.
            #expect(answer.status == .badRequest)
            #expect(AdminClient.error(answer)["message"] as? String == "input is required")
        }
    }

    @Test func moderationWithoutAModelGoesToTheDefaultGroupAndIsFree() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let answer = try await Self.post(client, "/v1/moderations", #"{"input":"I like tea"}"#)
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            #expect((answer.body.json["results"] as? [Any])?.count == 1)
            #expect(answer.headers[HTTPField.Name("x-credits-used")!] == "0")
            #expect(fake.requests.last?.path == "/v1/moderations")
        }
    }

    @Test func rerankGoesToCoheresNativeAPIAndIsChargedPerSearch() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            for (path, upstream) in [("/v2/rerank", "/v2/rerank"), ("/v1/rerank", "/v1/rerank")] {
                let answer = try await Self.post(client, path, #"{"model":"rerank","query":"capital of France","documents":["Paris","Bananas","Rome"],"top_n":2}"#)
                #expect(answer.status == .ok, "\(String(buffer: answer.body))")
                #expect((answer.body.json["results"] as? [Any])?.count == 3)
                #expect(answer.headers[HTTPField.Name("x-credits-used")!] == "0.002")
                let sent = try #require(fake.requests.last)
                #expect(sent.path == upstream)
                #expect(sent.json["model"] as? String == "rerank-v3.5" && sent.json["top_n"] as? Int == 2)
            }
            let empty = try await Self.post(client, "/v2/rerank", #"{"model":"rerank","query":"q","documents":[]}"#)
            #expect(empty.status == .badRequest)
            #expect(AdminClient.error(empty)["param"] as? String == "documents")
        }
    }

    @Test func ocrIsChargedPerPageProcessed() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let answer = try await Self.post(
                client, "/v1/ocr", #"{"model":"ocr","document":{"type":"document_url","document_url":"https://example.com/a.pdf"}}"#
            )
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            #expect((answer.body.json["pages"] as? [Any])?.count == 2)
            #expect(answer.headers[HTTPField.Name("x-credits-used")!] == "0.002")
            #expect(fake.requests.last?.headers["authorization"] == "Bearer mi-key")
        }
    }

    @Test func ocrIsRefusedClearlyForAProviderWithoutIt() async throws {
        let fake = try await FakeMediaUpstream.start()
        defer { Task { await fake.stop() } }
        try await withGateway(try Self.config(fake)) { client in
            let answer = try await Self.post(client, "/v1/ocr", #"{"model":"dall-e-3","document":{"type":"document_url","document_url":"https://x/a.pdf"}}"#)
            #expect(answer.status == .badRequest)
            #expect(AdminClient.error(answer)["code"] as? String == "unsupported_operation")
            #expect(fake.requests.isEmpty)
        }
    }

    @Test func imagesTooLargeToHoldAreStillCountedAndCharged() async throws {
        // Three pictures of 12 MB of base64 each: past the 32 MiB an image answer is held, so
        // it is passed on as it arrives and its pictures are counted on the way.
        let picture = String(repeating: "QUJD", count: 3_000_000)
        let body = #"{"created":1,"data":[{"b64_json":"\#(picture)"},{"b64_json":"\#(picture)"},{"b64_json":"\#(picture)"}]}"#
        let upstream = try await FakeOpenAIUpstream.start(.raw(status: 200, contentType: "application/json", body: body))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(
            """
            model_list:
              - {model_name: dall-e-3, litellm_params: {model: openai/dall-e-3, api_base: "\(upstream.baseURL)", api_key: sk-up}}
            general_settings:
              master_key: sk-master-123
            """
        )
        try await withGateway(config) { client in
            let answer = try await Self.post(client, "/v1/images/generations", #"{"model":"dall-e-3","prompt":"a harbour","n":3}"#)
            #expect(answer.status == .ok)
            #expect(answer.body.readableBytes == body.utf8.count)
            let logs = try await AdminClient(client: client).spendLogs("request_id=\(answer.headers[HTTPField.Name("x-request-id")!] ?? "")", count: 1)
            #expect((logs.first?["units"] as? [String: Any])?["images"] as? Int == 3)
            #expect(logs.first?["spend"] as? Double == 0.12)
        }
    }

    @Test func azureDeploymentsGetMediaAtTheirDeploymentURLsWithTheirKey() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.raw(status: 200, contentType: "application/json", body: #"{"created":1,"data":[{"b64_json":"QUJD"}]}"#))
        defer { Task { await upstream.stop() } }
        let root = upstream.baseURL.replacingOccurrences(of: "/v1", with: "")
        let config = try TestConfig.load(
            """
            model_list:
              - {model_name: images, litellm_params: {model: azure/my-dalle, api_base: "\(root)", api_key: az-key, api_version: "2025-04-01-preview"}}
              - {model_name: whisper, litellm_params: {model: azure/my-whisper, api_base: "\(root)", api_key: az-key}}
            general_settings:
              master_key: sk-master-123
            """
        )
        try await withGateway(config) { client in
            let image = try await Self.post(client, "/v1/images/generations", #"{"model":"images","prompt":"a harbour"}"#)
            #expect(image.status == .ok)
            let sent = try #require(upstream.requests.last)
            #expect(sent.path == "/openai/deployments/my-dalle/images/generations?api-version=2025-04-01-preview")
            #expect(sent.headers["api-key"] == "az-key" && sent.headers["authorization"] == nil)
            var form = MultipartWriter()
            form.addFile(name: "file", filename: "a.wav", contentType: "audio/wav", bytes: WAVAudio.tone(seconds: 0.5, sampleRate: 8000))
            form.addField(name: "model", value: "whisper")
            _ = try await client.execute(
                uri: "/v1/audio/transcriptions", method: .post, headers: [.authorization: "Bearer sk-master-123", .contentType: form.contentType], body: form.finish()
            )
            #expect(upstream.requests.last?.path.hasPrefix("/openai/deployments/my-whisper/audio/transcriptions?api-version=") == true)
            #expect(upstream.requests.last?.headers["content-type"] == form.contentType)
        }
    }
}
