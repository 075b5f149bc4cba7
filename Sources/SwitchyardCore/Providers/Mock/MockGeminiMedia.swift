import Foundation
import NIOCore

/// The mock's Gemini media: Imagen (`models/{m}:predict`), image and speech output from
/// `generateContent` (`generationConfig.responseModalities` holding `IMAGE` or `AUDIO`), and
/// transcripts of audio sent as `inlineData`.
///
/// - `:predict` answers `sampleCount` (default 4, 1…4) 8x8 PNGs per instance as
///   `{predictions: [{bytesBase64Encoded, mimeType: "image/png"}]}`, coloured by the prompt.
/// - `IMAGE`: one candidate whose parts are a short text and an `inlineData` `image/png`.
///   Each output image counts 1290 candidate tokens, as Gemini bills them.
/// - `AUDIO` (the TTS models): one `inlineData` part of raw 16-bit mono PCM at 24 kHz,
///   `audio/L16;codec=pcm;rate=24000`, no WAV header, as Gemini sends it; 0.06 s per
///   character of the prompt's text (0.2…30 s), 25 tokens a second (rounded); the voice
///   (`speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName`) sets the pitch.
/// - Audio `inlineData` and no output modality: a text candidate holding a transcript as long
///   as the audio (`MockModel.Transcript`); input audio counts 32 tokens a second.
///
/// Text tokens are whitespace-separated words. `usageMetadata` is on every answer but `:predict`'s.
enum MockGeminiMedia {
    /// Whether the mock answers `request` here rather than through the chat pivot.
    static func handles(_ request: JSONValue) -> Bool {
        !outputModalities(request).isDisjoint(with: ["IMAGE", "AUDIO"]) || !audioParts(request).isEmpty
    }

    static func predict(model: String, body: ByteBuffer) throws(GatewayError) -> MockProviderHandler.Answer {
        let request = try object(body)
        guard case .array(let instances) = request["instances"], !instances.isEmpty else {
            throw GatewayError.invalidRequest("instances must hold at least one instance.", param: "instances")
        }
        let count = request["parameters"]?["sampleCount"]?.intValue ?? 4
        guard (1...4).contains(count) else {
            throw GatewayError.invalidRequest("sampleCount must be between 1 and 4.", param: "parameters.sampleCount")
        }
        var predictions: [JSONValue] = []
        for instance in instances {
            guard let prompt = instance["prompt"]?.stringValue, !prompt.isEmpty else {
                throw GatewayError.invalidRequest("Each instance needs a prompt.", param: "instances")
            }
            for index in 0..<count {
                let png = MockImages.png(seed: MockModel.Hashing.fnv1a(prompt), index: index)
                predictions.append(["bytesBase64Encoded": .string(Data(png).base64EncodedString()), "mimeType": "image/png"])
            }
        }
        return MockProviderHandler.json(["predictions": .array(predictions)] as JSONValue)
    }

    static func generate(model: String, request: JSONValue, stream: Bool) throws(GatewayError) -> MockProviderHandler.Answer {
        let modalities = outputModalities(request)
        let prompt = promptText(request)
        let promptTokens = MockModel.Words.count(in: prompt)
        let hash = MockModel.Hashing.fingerprint(of: request)
        var parts: [JSONValue]
        var promptDetails: [JSONValue] = [["modality": "TEXT", "tokenCount": .number(Double(promptTokens))]]
        var candidateDetails: [JSONValue]
        var candidateTokens: Int
        var audioTokens = 0
        if modalities.contains("AUDIO") {
            let voice = request["generationConfig"]?["speechConfig"]?["voiceConfig"]?["prebuiltVoiceConfig"]?["voiceName"]?.stringValue ?? "Kore"
            let seconds = MockSpeech.duration(characters: prompt.count, speed: 1)
            let pcm = WAVAudio.tonePCM(seconds: seconds, sampleRate: 24000, frequency: 220 + Double(MockModel.Hashing.fnv1a(voice) % 440))
            parts = [["inlineData": ["mimeType": "audio/L16;codec=pcm;rate=24000", "data": .string(Data(pcm).base64EncodedString())]]]
            candidateTokens = Int((seconds * 25).rounded())
            candidateDetails = [["modality": "AUDIO", "tokenCount": .number(Double(candidateTokens))]]
        } else if modalities.contains("IMAGE") {
            let text = "Switchyard mock image for: " + prompt
            let png = MockImages.png(seed: MockModel.Hashing.fnv1a(prompt), index: 0)
            parts = [
                ["text": .string(text)],
                ["inlineData": ["mimeType": "image/png", "data": .string(Data(png).base64EncodedString())]],
            ]
            let textTokens = MockModel.Words.count(in: text)
            candidateTokens = textTokens + 1290
            candidateDetails = [
                ["modality": "TEXT", "tokenCount": .number(Double(textTokens))], ["modality": "IMAGE", "tokenCount": 1290],
            ]
        } else {
            var seconds = 0.0
            var seed = hash
            for part in audioParts(request) {
                let mime = part["mimeType"]?.stringValue ?? ""
                let bytes = Data(base64Encoded: part["data"]?.stringValue ?? "") ?? Data()
                if let pcm = WAVAudio.pcmFormat(mimeType: mime) {
                    seconds += Double(bytes.count) / Double(pcm.sampleRate * pcm.channels * 2)
                } else {
                    seconds += MockModel.Transcript.seconds(of: ByteBuffer(bytes: bytes), filename: nil, contentType: mime)
                }
                seed = MockModel.Hashing.fnv1a(bytes: bytes, continuing: seed)
            }
            let text = MockModel.Transcript.sentence(MockModel.Transcript.words(seconds: seconds, seed: seed))
            parts = [["text": .string(text)]]
            audioTokens = Int((seconds * 32).rounded(.up))
            promptDetails.append(["modality": "AUDIO", "tokenCount": .number(Double(audioTokens))])
            candidateTokens = MockModel.Words.count(in: text)
            candidateDetails = [["modality": "TEXT", "tokenCount": .number(Double(candidateTokens))]]
        }
        let total = promptTokens + audioTokens + candidateTokens
        let response: JSONValue = [
            "candidates": [[
                "content": ["role": "model", "parts": .array(parts)],
                "finishReason": "STOP",
                "index": 0,
            ]],
            "usageMetadata": [
                "promptTokenCount": .number(Double(promptTokens + audioTokens)),
                "candidatesTokenCount": .number(Double(candidateTokens)),
                "totalTokenCount": .number(Double(total)),
                "promptTokensDetails": .array(promptDetails),
                "candidatesTokensDetails": .array(candidateDetails),
            ],
            "modelVersion": .string(model),
            "responseId": .string(MockModel.Hashing.hex(hash)),
        ]
        guard stream else { return MockProviderHandler.json(response) }
        // One event: media arrives whole, as Gemini streams it.
        var event = ByteBuffer(string: "data: ")
        for var chunk in MockProviderHandler.json(response).chunks { event.writeBuffer(&chunk) }
        event.writeString("\r\n\r\n")
        return .init(status: 200, contentType: "text/event-stream", chunks: [event], retryAfter: nil)
    }

    static func object(_ body: ByteBuffer) throws(GatewayError) -> JSONValue {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)), value.objectValue != nil else {
            throw GatewayError.invalidRequest("The request body is not a JSON object.")
        }
        return value
    }

    static func outputModalities(_ request: JSONValue) -> Set<String> {
        Set(request["generationConfig"]?["responseModalities"]?.arrayValue?.compactMap { $0.stringValue?.uppercased() } ?? [])
    }

    /// The `inlineData` parts of the contents whose MIME type is `audio/*`.
    static func audioParts(_ request: JSONValue) -> [JSONValue] {
        allParts(request).compactMap { part in
            let inline = part["inlineData"] ?? part["inline_data"]
            guard let inline, let mime = (inline["mimeType"] ?? inline["mime_type"])?.stringValue,
                mime.lowercased().hasPrefix("audio/")
            else { return nil }
            return ["mimeType": .string(mime), "data": inline["data"] ?? ""]
        }
    }

    /// The text parts of every content, joined by spaces.
    static func promptText(_ request: JSONValue) -> String {
        allParts(request).compactMap { $0["text"]?.stringValue }.joined(separator: " ")
    }

    private static func allParts(_ request: JSONValue) -> [JSONValue] {
        (request["contents"]?.arrayValue ?? []).flatMap { $0["parts"]?.arrayValue ?? [] }
    }
}
