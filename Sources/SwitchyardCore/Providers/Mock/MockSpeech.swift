import NIOCore

/// OpenAI's text-to-speech (`/audio/speech`), answered with a sine tone.
///
/// The tone lasts 0.06 s per character of `input` divided by `speed` (default 1, 0.25…4),
/// kept within 0.2…30 s; its pitch derives from the voice. The mock only makes WAV: `wav`
/// and every compressed format (`mp3`, the default, `opus`, `aac`, `flac`) get WAV bytes as
/// `audio/wav`; `pcm` gets the raw samples (24 kHz, 16-bit little-endian mono, as OpenAI's
/// `pcm` is) as `audio/pcm`.
enum MockSpeech {
    static let sampleRate = 24000

    static func speech(_ request: MockMediaRequest) throws(GatewayError) -> MockProviderHandler.Answer {
        _ = try request.requiredString("model")
        let input = try request.requiredString("input")
        let voice: String
        switch request["voice"] {
        case .string(let name) where !name.isEmpty: voice = name
        case .object(let custom) where custom["id"]?.stringValue != nil: voice = custom["id"]?.stringValue ?? ""
        default: throw GatewayError.invalidRequest("Missing required parameter: 'voice'.", param: "voice")
        }
        let speed = try request.number("speed") ?? 1
        guard (0.25...4).contains(speed) else {
            throw GatewayError.invalidRequest("Invalid 'speed': \(speed) is not between 0.25 and 4.0.", param: "speed")
        }
        let format = try request.string("response_format") ?? "mp3"
        guard ["mp3", "opus", "aac", "flac", "wav", "pcm"].contains(format) else {
            throw GatewayError.invalidRequest("Invalid value: '\(format)'. Supported values are: 'mp3', 'opus', 'aac', 'flac', 'wav', and 'pcm'.", param: "response_format")
        }
        let seconds = duration(characters: input.count, speed: speed)
        let frequency = 220 + Double(MockModel.Hashing.fnv1a(voice) % 440)
        let bytes = format == "pcm"
            ? WAVAudio.tonePCM(seconds: seconds, sampleRate: sampleRate, frequency: frequency)
            : WAVAudio.tone(seconds: seconds, sampleRate: sampleRate, frequency: frequency)
        return .init(status: 200, contentType: format == "pcm" ? "audio/pcm" : "audio/wav", chunks: [ByteBuffer(bytes: bytes)], retryAfter: nil)
    }

    /// Seconds of speech for `characters` characters at `speed`.
    static func duration(characters: Int, speed: Double) -> Double {
        min(max(Double(characters) * 0.06 / speed, 0.2), 30)
    }
}
