import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

/// Calling the mock handler and reading its answers as plain JSON, independent of the
/// gateway's wire types.
enum MockMedia {
    static let handler = MockProviderHandler(now: { 1_700_000_000 })

    static func post(_ path: String, json: String) -> MockProviderHandler.Answer {
        handler.handle(path: path, contentType: "application/json", body: ByteBuffer(string: json))
    }

    static func post(_ path: String, form: MultipartWriter) -> MockProviderHandler.Answer {
        handler.handle(path: path, contentType: form.contentType, body: form.finish())
    }

    static func bytes(_ answer: MockProviderHandler.Answer) -> [UInt8] {
        answer.chunks.flatMap { Array($0.readableBytesView) }
    }

    static func text(_ answer: MockProviderHandler.Answer) -> String {
        String(decoding: bytes(answer), as: UTF8.self)
    }

    /// The answer's body as a Foundation JSON object.
    static func object(_ answer: MockProviderHandler.Answer) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(bytes(answer)))
        return try #require(value as? [String: Any])
    }

    /// OpenAI's error envelope: the `error` object.
    static func openAIError(_ answer: MockProviderHandler.Answer) throws -> [String: Any] {
        try #require(try object(answer)["error"] as? [String: Any])
    }

    /// Base64 decoded, checked to be a PNG.
    static func png(_ base64: Any?) throws -> [UInt8] {
        let text = try #require(base64 as? String)
        let bytes = Array(try #require(Data(base64Encoded: text)))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        return bytes
    }

    /// A WAV of `seconds` of tone, as a client would upload.
    static func wav(seconds: Double) -> [UInt8] {
        WAVAudio.tone(seconds: seconds, sampleRate: 16000)
    }

    static func audioForm(seconds: Double, model: String = "whisper-1", fields: [(String, String)] = []) -> MultipartWriter {
        var form = MultipartWriter(boundary: "test-boundary")
        form.addFile(name: "file", filename: "speech.wav", contentType: "audio/wav", bytes: wav(seconds: seconds))
        form.addField(name: "model", value: model)
        for (name, value) in fields { form.addField(name: name, value: value) }
        return form
    }
}
