import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// The standalone mock provider serves the media routes and hands the multipart boundary on.
@Suite struct MockProviderMediaRouteTests {
    @Test func mediaRoutesAnswerOverHTTP() async throws {
        let app = buildMockProviderApplication()
        try await app.test(.router) { client in
            var form = MultipartWriter()
            form.addFile(name: "file", filename: "a.wav", contentType: "audio/wav", bytes: WAVAudio.tone(seconds: 2, sampleRate: 16000))
            form.addField(name: "model", value: "whisper-1")
            for path in ["/v1/audio/transcriptions", "/audio/transcriptions"] {
                let response = try await client.execute(
                    uri: path, method: .post, headers: [.contentType: form.contentType], body: form.finish()
                )
                #expect(response.status == .ok)
                #expect(response.body.json["text"] is String)
            }
            let rerank = try await client.execute(
                uri: "/v2/rerank", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"rerank-v3.5","query":"a","documents":["a","b"]}"#)
            )
            #expect((rerank.body.json["results"] as? [Any])?.count == 2)
            let predict = try await client.execute(
                uri: "/v1beta/models/imagen-4.0-generate-001:predict", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"instances":[{"prompt":"a"}],"parameters":{"sampleCount":1}}"#)
            )
            #expect((predict.body.json["predictions"] as? [Any])?.count == 1)
            for path in ["/v1/images/generations", "/v1/moderations", "/v1/ocr", "/v1/audio/speech"] {
                let response = try await client.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
                #expect(response.status == .badRequest, "\(path)")
            }
        }
    }
}
