extension AudioDuration {
    /// Opus or Vorbis in Ogg: the codec from the first page's packet, the length from the
    /// last granule position of that logical stream.
    static func ogg(_ raw: UnsafeRawBufferPointer) -> Double? {
        guard let first = OggPage(raw, at: 0) else { return nil }
        let packet = first.bodyStart
        let divisor: Double
        var preSkip: Int64 = 0
        if raw.matches("OpusHead", at: packet) {
            guard let skip = raw.littleEndian(at: packet + 10, width: 2) else { return nil }
            preSkip = Int64(skip)
            divisor = 48000
        } else if raw.bigEndian(at: packet, width: 1) == 1, raw.matches("vorbis", at: packet + 1) {
            guard let rate = raw.littleEndian(at: packet + 12, width: 4), rate > 0 else { return nil }
            divisor = Double(rate)
        } else {
            return nil
        }
        var lastGranule: Int64?
        var offset = 0
        var resyncs = 0
        while offset < raw.count {
            guard let page = OggPage(raw, at: offset) else {
                // Skip damage: look for the next capture pattern, a bounded number of times.
                guard resyncs < 64, let next = raw.firstOffset(of: Array("OggS".utf8), from: offset + 1) else { break }
                resyncs += 1
                offset = next
                continue
            }
            if page.serial == first.serial, page.granule >= 0 { lastGranule = page.granule }
            offset = page.end
        }
        guard let lastGranule else { return nil }
        return Double(max(lastGranule - preSkip, 0)) / divisor
    }
}

/// One Ogg page header (RFC 3533), its CRC not checked.
struct OggPage {
    var granule: Int64
    var serial: UInt64
    var bodyStart: Int
    var end: Int

    init?(_ raw: UnsafeRawBufferPointer, at offset: Int) {
        guard raw.matches("OggS", at: offset), raw.bigEndian(at: offset + 4, width: 1) == 0,
            let granule = raw.littleEndian(at: offset + 6, width: 8),
            let serial = raw.littleEndian(at: offset + 14, width: 4),
            let segments = raw.bigEndian(at: offset + 26, width: 1)
        else { return nil }
        let table = offset + 27
        guard table + Int(segments) <= raw.count else { return nil }
        let bodyLength = (0..<Int(segments)).reduce(0) { $0 + Int(raw[table + $1]) }
        self.granule = Int64(bitPattern: granule)
        self.serial = serial
        self.bodyStart = table + Int(segments)
        self.end = bodyStart + bodyLength
        guard end <= raw.count else { return nil }
    }
}
