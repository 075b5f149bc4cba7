import NIOCore

/// The playing time of an audio file, read from its container without decoding it.
///
/// - WAV (RIFF/WAVE): the `data` chunk size over the `fmt ` byte rate; exact.
/// - MP3: after any ID3v2 tags, the Xing/Info or VBRI frame count of the first frame when
///   present, else every MPEG 1/2/2.5 Layer III frame header walked and its samples summed;
///   garbage between frames is skipped by resyncing on the next valid header, a bounded
///   number of times.
/// - FLAC: STREAMINFO total samples over its sample rate (nil when the total is unknown).
/// - Ogg: Opus (last granule position minus the pre-skip, over 48 kHz) or Vorbis (last
///   granule position over the identification header's rate).
///
/// Anything else (MP4/M4A, WebM, unknown bytes) is nil: callers fall back to an estimate.
public enum AudioDuration {
    /// The duration of `bytes` in seconds, or nil when the format is not one listed above or
    /// the file is malformed. `filename` and `contentType` only help recognise headerless MP3.
    public static func seconds(of bytes: ByteBuffer, filename: String?, contentType: String?) -> Double? {
        let mp3Hint = (filename?.lowercased().hasSuffix(".mp3") ?? false)
            || ["audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg-3"].contains(contentType?.lowercased().split(separator: ";").first.map { $0.trimmingWhitespace() } ?? "")
        return bytes.withUnsafeReadableBytes { raw -> Double? in
            if raw.matches("RIFF", at: 0) && raw.matches("WAVE", at: 8) { return wav(raw) }
            if raw.matches("OggS", at: 0) { return ogg(raw) }
            let start = id3Length(raw)
            if raw.matches("fLaC", at: start) { return flac(raw, from: start) }
            if start > 0 || mp3Hint || MP3Frame(raw, at: 0) != nil { return mp3(raw, from: start, resync: start > 0 || mp3Hint) }
            return nil
        }
    }

    static func wav(_ raw: UnsafeRawBufferPointer) -> Double? {
        var offset = 12
        var byteRate: UInt64?
        while let id = raw.bigEndian(at: offset, width: 4), let size = raw.littleEndian(at: offset + 4, width: 4) {
            let content = offset + 8
            if id == 0x666d_7420 {  // "fmt "
                guard let channels = raw.littleEndian(at: content + 2, width: 2),
                    let sampleRate = raw.littleEndian(at: content + 4, width: 4),
                    let rate = raw.littleEndian(at: content + 8, width: 4),
                    let blockAlign = raw.littleEndian(at: content + 12, width: 2)
                else { return nil }
                byteRate = rate > 0 ? rate : sampleRate * max(blockAlign, channels * 2)
            } else if id == 0x6461_7461 {  // "data"
                guard let byteRate, byteRate > 0 else { return nil }
                // A streamed WAV may claim more (0xFFFFFFFF) than it holds.
                let available = UInt64(max(raw.count - content, 0))
                return Double(min(size, available)) / Double(byteRate)
            }
            offset = content + Int(size) + Int(size & 1)
        }
        return nil
    }

    /// The length of the ID3v2 tags at the start of `raw` (0 when there are none).
    static func id3Length(_ raw: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while raw.matches("ID3", at: offset), let flags = raw.bigEndian(at: offset + 5, width: 1) {
            guard let size = (6..<10).reduce(Optional(0), { sum, index in
                guard let sum, let byte = raw.bigEndian(at: offset + index, width: 1), byte < 0x80 else { return nil }
                return sum << 7 | Int(byte)
            }) else { break }
            offset += 10 + size + (flags & 0x10 != 0 ? 10 : 0)
        }
        return offset
    }

    static func flac(_ raw: UnsafeRawBufferPointer, from start: Int) -> Double? {
        var offset = start + 4
        while let header = raw.bigEndian(at: offset, width: 4) {
            let type = (header >> 24) & 0x7F
            let length = Int(header & 0xFF_FFFF)
            if type == 0 {
                let info = offset + 4
                guard length >= 18, let packed = raw.bigEndian(at: info + 10, width: 8) else { return nil }
                let sampleRate = packed >> 44
                let totalSamples = packed & 0xF_FFFF_FFFF
                guard sampleRate > 0, totalSamples > 0 else { return nil }
                return Double(totalSamples) / Double(sampleRate)
            }
            if header & 0x8000_0000 != 0 { return nil }
            offset += 4 + length
        }
        return nil
    }
}
