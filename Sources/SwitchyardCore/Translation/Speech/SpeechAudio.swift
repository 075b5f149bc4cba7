#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Raw audio a speech model answered: little-endian 16-bit PCM samples and their layout, for
/// the caller to send as `pcm` or wrap in a WAV header.
public struct SpeechAudio: Sendable, Hashable {
    /// The `response_format`s the gateway can give from PCM without an encoder.
    public static let supportedFormats = ["wav", "pcm"]

    public var pcm: [UInt8]
    public var sampleRate: Int
    public var channels: Int

    public init(pcm: [UInt8], sampleRate: Int, channels: Int) {
        self.pcm = pcm
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// The audio of a Gemini speech model's `generateContent` answer.
    ///
    /// Every `inlineData` audio part (`audio/L16;codec=pcm;rate=24000`) is decoded and joined in
    /// order; the rate and channel count come from the type's `rate` and `channels` parameters
    /// (24,000 and 1 when absent). Gemini sends the samples little-endian despite the L16 name.
    /// No audio is a 400 `content_policy_violation` saying why; an audio type other than raw
    /// PCM or unreadable base64 is a 502.
    public init(gemini response: GeminiGenerateContentResponse) throws {
        var pcm: [UInt8] = []
        var layout: (rate: Int, channels: Int)?
        for part in response.candidates?.first?.content?.parts ?? [] {
            guard let blob = part.inlineData, blob.mimeType.lowercased().hasPrefix("audio/") else { continue }
            let media = InlineMedia(bytes: [], mimeType: blob.mimeType)
            guard media.baseType == "audio/l16" || media.baseType == "audio/pcm" else {
                throw GatewayError(.upstream(status: 502), "The provider answered audio of type `\(blob.mimeType)`, not raw PCM.")
            }
            guard let data = Data(base64Encoded: blob.data) else {
                throw GatewayError(.upstream(status: 502), "The provider answered audio that is not valid base64.")
            }
            pcm += data
            layout = layout ?? Self.layout(of: blob.mimeType)
        }
        guard let layout else {
            throw GatewayError.noMedia("audio", reason: GatewayError.geminiNoOutputReason([response]))
        }
        self.init(pcm: pcm, sampleRate: layout.rate, channels: layout.channels)
    }

    /// The `rate` and `channels` parameters of an audio type.
    private static func layout(of mimeType: String) -> (rate: Int, channels: Int) {
        var rate = 24_000, channels = 1
        for parameter in mimeType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).filter { !$0.isWhitespace }.lowercased() }
            guard pair.count == 2, let value = Int(pair[1]), value > 0 else { continue }
            if pair[0] == "rate" { rate = value }
            if pair[0] == "channels" { channels = value }
        }
        return (rate, channels)
    }
}
