import Foundation

/// Writing 16-bit PCM WAV files, and reading the raw-PCM MIME types that carry PCM without one.
public enum WAVAudio {
    /// A canonical 44-byte RIFF/WAVE header (PCM, 16 bits per sample) followed by `samples`,
    /// which are little-endian 16-bit PCM bytes, interleaved when `channels` > 1.
    public static func wav(pcm16 samples: some Collection<UInt8>, sampleRate: Int, channels: Int) -> [UInt8] {
        let dataSize = UInt32(truncatingIfNeeded: samples.count)
        let blockAlign = UInt16(truncatingIfNeeded: channels * 2)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(44 + samples.count)
        bytes += Array("RIFF".utf8) + littleEndian(36 + dataSize) + Array("WAVE".utf8)
        bytes += Array("fmt ".utf8) + littleEndian(UInt32(16)) + littleEndian(UInt16(1)) + littleEndian(UInt16(truncatingIfNeeded: channels))
        bytes += littleEndian(UInt32(truncatingIfNeeded: sampleRate)) + littleEndian(UInt32(truncatingIfNeeded: sampleRate * channels * 2))
        bytes += littleEndian(blockAlign) + littleEndian(UInt16(16))
        bytes += Array("data".utf8) + littleEndian(dataSize)
        bytes += samples
        return bytes
    }

    /// A mono 16-bit sine tone of `frequency` Hz lasting `seconds`, as a WAV file; the same
    /// arguments always give the same bytes.
    public static func tone(seconds: Double, sampleRate: Int = 24000, frequency: Double = 440) -> [UInt8] {
        wav(pcm16: tonePCM(seconds: seconds, sampleRate: sampleRate, frequency: frequency), sampleRate: sampleRate, channels: 1)
    }

    /// The samples of `tone` without the header: little-endian 16-bit mono PCM.
    public static func tonePCM(seconds: Double, sampleRate: Int = 24000, frequency: Double = 440) -> [UInt8] {
        let count = max(Int((seconds * Double(sampleRate)).rounded()), 0)
        let step = 2 * Double.pi * frequency / Double(max(sampleRate, 1))
        return [UInt8](unsafeUninitializedCapacity: count * 2) { buffer, initialized in
            for index in 0..<count {
                let sample = UInt16(bitPattern: Int16((sin(step * Double(index)) * 0.3 * Double(Int16.max)).rounded()))
                buffer[2 * index] = UInt8(truncatingIfNeeded: sample)
                buffer[2 * index + 1] = UInt8(truncatingIfNeeded: sample >> 8)
            }
            initialized = count * 2
        }
    }

    /// The sample rate and channel count of a raw 16-bit PCM MIME type such as Gemini's
    /// `audio/L16;codec=pcm;rate=24000` (rate 24000 and one channel when not given); nil for
    /// any other type.
    public static func pcmFormat(mimeType: String) -> (sampleRate: Int, channels: Int)? {
        let pieces = MIMEParameters.split(mimeType)
        guard let type = pieces.first?.lowercased(), type == "audio/l16" || type == "audio/pcm" else { return nil }
        let parameters = MIMEParameters.parameters(pieces.dropFirst())
        let rate = parameters["rate"].flatMap { Int($0) } ?? 24000
        let channels = parameters["channels"].flatMap { Int($0) } ?? 1
        guard rate > 0, channels > 0 else { return nil }
        return (rate, channels)
    }

    static func littleEndian(_ value: some FixedWidthInteger) -> [UInt8] {
        (0..<(value.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}
