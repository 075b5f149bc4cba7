extension AudioDuration {
    /// Walks MPEG audio frames from `start`, preferring a Xing/Info or VBRI frame count.
    /// Without `resync`, the first frame must start exactly at `start`.
    static func mp3(_ raw: UnsafeRawBufferPointer, from start: Int, resync: Bool) -> Double? {
        var offset = start
        var resyncs = 0
        let maxResyncs = 64
        guard var frame = MP3Frame(raw, at: offset) ?? (resync ? nextFrame(raw, after: offset, resyncs: &resyncs) : nil) else { return nil }
        offset = frame.offset
        if let frames = frame.declaredFrameCount(raw) {
            return frames == 0 ? nil : Double(frames) * Double(frame.samples) / Double(frame.sampleRate)
        }
        var seconds = 0.0
        while true {
            seconds += Double(frame.samples) / Double(frame.sampleRate)
            offset = frame.offset + frame.length
            if offset >= raw.count { break }
            if let next = MP3Frame(raw, at: offset) {
                frame = next
                continue
            }
            guard resyncs < maxResyncs, let next = nextFrame(raw, after: offset, resyncs: &resyncs) else { break }
            frame = next
        }
        return seconds
    }

    /// The next frame after `offset` whose successor (when there is room for one) is a frame
    /// too, so a stray sync pattern in garbage is not taken for audio.
    private static func nextFrame(_ raw: UnsafeRawBufferPointer, after offset: Int, resyncs: inout Int) -> MP3Frame? {
        resyncs += 1
        var index = offset + 1
        while index + 4 <= raw.count {
            if raw[index] == 0xFF, let frame = MP3Frame(raw, at: index) {
                let following = index + frame.length
                if following + 4 > raw.count || MP3Frame(raw, at: following) != nil { return frame }
            }
            index += 1
        }
        return nil
    }
}

/// One MPEG audio Layer III frame header.
struct MP3Frame: Equatable {
    var offset: Int
    /// 1 for MPEG 1, 2 for MPEG 2, 25 for MPEG 2.5.
    var version: Int
    var sampleRate: Int
    var length: Int
    var samples: Int
    var mono: Bool

    private static let bitrates1: [Int] = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
    private static let bitrates2: [Int] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]

    /// The frame whose header is at `offset`, or nil when those bytes are not a valid header
    /// (free-format bitrates are not supported).
    init?(_ raw: UnsafeRawBufferPointer, at offset: Int) {
        guard let header = raw.bigEndian(at: offset, width: 4), header >> 21 == 0x7FF else { return nil }
        let versionBits = (header >> 19) & 3
        let layerBits = (header >> 17) & 3
        let bitrateIndex = Int((header >> 12) & 0xF)
        let rateIndex = Int((header >> 10) & 3)
        guard versionBits != 1, layerBits == 1, bitrateIndex != 0, bitrateIndex != 15, rateIndex != 3 else { return nil }
        let version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25
        let baseRate = [44100, 48000, 32000][rateIndex]
        sampleRate = version == 1 ? baseRate : version == 2 ? baseRate / 2 : baseRate / 4
        let bitrate = (version == 1 ? Self.bitrates1 : Self.bitrates2)[bitrateIndex] * 1000
        let padding = Int((header >> 9) & 1)
        samples = version == 1 ? 1152 : 576
        length = (samples / 8) * bitrate / sampleRate + padding
        self.version = version
        self.offset = offset
        mono = (header >> 6) & 3 == 3
        guard length > 4 else { return nil }
    }

    /// The frame count a Xing/Info or VBRI header in this frame declares, if it holds one.
    func declaredFrameCount(_ raw: UnsafeRawBufferPointer) -> Int? {
        let sideInfo = version == 1 ? (mono ? 17 : 32) : (mono ? 9 : 17)
        let xing = offset + 4 + sideInfo
        if raw.matches("Xing", at: xing) || raw.matches("Info", at: xing) {
            guard let flags = raw.bigEndian(at: xing + 4, width: 4), flags & 1 != 0,
                let frames = raw.bigEndian(at: xing + 8, width: 4)
            else { return nil }
            return Int(frames)
        }
        let vbri = offset + 4 + 32
        if raw.matches("VBRI", at: vbri), let frames = raw.bigEndian(at: vbri + 14, width: 4) {
            return Int(frames)
        }
        return nil
    }
}
