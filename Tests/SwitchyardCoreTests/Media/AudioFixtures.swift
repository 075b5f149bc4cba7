import NIOCore

@testable import SwitchyardCore

/// Audio files built in code for the duration tests: valid headers, silent payloads.
enum AudioFixtures {
    /// `count` MPEG frames with the given 4-byte header (payload zeroed), each `length` bytes.
    static func mp3Frames(header: [UInt8], count: Int, length: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes += header + [UInt8](repeating: 0, count: length - 4) }
        return bytes
    }

    /// MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding, stereo: 417-byte frames of 1152 samples.
    static let mpeg1Header: [UInt8] = [0xFF, 0xFB, 0x90, 0x00]
    static let mpeg1FrameLength = 417
    /// MPEG-2 Layer III, 64 kbit/s, 22.05 kHz, no padding, mono: 208-byte frames of 576 samples.
    static let mpeg2Header: [UInt8] = [0xFF, 0xF3, 0x80, 0xC0]
    static let mpeg2FrameLength = 208
    /// MPEG-2.5 Layer III, 8 kbit/s, 8 kHz, mono: 72-byte frames of 576 samples.
    static let mpeg25Header: [UInt8] = [0xFF, 0xE3, 0x18, 0xC0]
    static let mpeg25FrameLength = 72

    /// An ID3v2.4 tag of `size` zero bytes.
    static func id3(size: Int) -> [UInt8] {
        let syncsafe = [UInt8((size >> 21) & 0x7F), UInt8((size >> 14) & 0x7F), UInt8((size >> 7) & 0x7F), UInt8(size & 0x7F)]
        return Array("ID3".utf8) + [4, 0, 0] + syncsafe + [UInt8](repeating: 0, count: size)
    }

    /// A first MPEG-1 stereo frame carrying a Xing (or Info) header that declares `frames`.
    static func xingFrame(frames: UInt32, tag: String = "Xing") -> [UInt8] {
        var frame = mpeg1Header + [UInt8](repeating: 0, count: 32)
        frame += Array(tag.utf8) + [0, 0, 0, 1] + bigEndian(frames)
        frame += [UInt8](repeating: 0, count: mpeg1FrameLength - frame.count)
        return frame
    }

    /// A first MPEG-1 frame carrying a VBRI header that declares `frames`.
    static func vbriFrame(frames: UInt32) -> [UInt8] {
        var frame = mpeg1Header + [UInt8](repeating: 0, count: 32)
        frame += Array("VBRI".utf8) + [0, 1, 0, 0, 0, 75] + bigEndian(1000) + bigEndian(frames)
        frame += [UInt8](repeating: 0, count: mpeg1FrameLength - frame.count)
        return frame
    }

    /// A FLAC stream: marker, a padding block, then STREAMINFO (last) declaring the samples.
    static func flac(sampleRate: Int, totalSamples: UInt64) -> [UInt8] {
        var bytes = Array("fLaC".utf8)
        bytes += [0x01, 0, 0, 4, 0, 0, 0, 0]  // PADDING, 4 bytes
        var info: [UInt8] = [0x10, 0x00, 0x10, 0x00, 0, 0, 0, 0, 0, 0]  // block sizes 4096, frame sizes unknown
        let packed = UInt64(sampleRate) << 44 | UInt64(1) << 41 | UInt64(15) << 36 | (totalSamples & 0xF_FFFF_FFFF)
        info += (0..<8).map { UInt8((packed >> (56 - 8 * UInt64($0))) & 0xFF) }
        info += [UInt8](repeating: 0xAB, count: 16)  // MD5
        bytes += [0x80, 0, 0, UInt8(info.count)] + info
        return bytes + [0xFF, 0xF8, 0x69, 0x08]  // the start of a frame, never read
    }

    /// One Ogg page with its CRC (polynomial 0x04C11DB7, unreflected, as RFC 3533 requires).
    static func oggPage(serial: UInt32, sequence: UInt32, granule: Int64, headerType: UInt8, packet: [UInt8]) -> [UInt8] {
        var lacing: [UInt8] = []
        var remaining = packet.count
        while remaining >= 255 {
            lacing.append(255)
            remaining -= 255
        }
        lacing.append(UInt8(remaining))
        var page = Array("OggS".utf8) + [0, headerType]
        page += littleEndian(UInt64(bitPattern: granule), width: 8) + littleEndian(UInt64(serial), width: 4)
        page += littleEndian(UInt64(sequence), width: 4) + [0, 0, 0, 0] + [UInt8(lacing.count)] + lacing + packet
        let crc = oggCRC(page)
        page.replaceSubrange(22..<26, with: littleEndian(UInt64(crc), width: 4))
        return page
    }

    static func oggCRC(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0
        for byte in bytes {
            crc ^= UInt32(byte) << 24
            for _ in 0..<8 { crc = crc & 0x8000_0000 != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1 }
        }
        return crc
    }

    /// An Ogg Opus file: OpusHead, OpusTags, and audio pages ending at `finalGranule`.
    static func opus(preSkip: UInt16, finalGranule: Int64) -> [UInt8] {
        let head = Array("OpusHead".utf8) + [1, 1] + littleEndian(UInt64(preSkip), width: 2) + littleEndian(48000, width: 4) + [0, 0, 0]
        let tags = Array("OpusTags".utf8) + littleEndian(4, width: 4) + Array("mock".utf8) + [0, 0, 0, 0]
        var bytes = oggPage(serial: 7, sequence: 0, granule: 0, headerType: 2, packet: head)
        bytes += oggPage(serial: 7, sequence: 1, granule: 0, headerType: 0, packet: tags)
        bytes += oggPage(serial: 7, sequence: 2, granule: finalGranule / 2, headerType: 0, packet: [UInt8](repeating: 0xFC, count: 300))
        bytes += oggPage(serial: 7, sequence: 3, granule: -1, headerType: 0, packet: [UInt8](repeating: 0xFC, count: 10))
        bytes += oggPage(serial: 7, sequence: 4, granule: finalGranule, headerType: 4, packet: [UInt8](repeating: 0xFC, count: 40))
        return bytes
    }

    /// An Ogg Vorbis file whose identification header declares `rate`.
    static func vorbis(rate: UInt32, finalGranule: Int64) -> [UInt8] {
        var identification: [UInt8] = [1] + Array("vorbis".utf8) + [0, 0, 0, 0, 2]
        identification += littleEndian(UInt64(rate), width: 4) + [UInt8](repeating: 0, count: 12) + [0xB8, 1]
        var bytes = oggPage(serial: 3, sequence: 0, granule: 0, headerType: 2, packet: identification)
        bytes += oggPage(serial: 3, sequence: 1, granule: finalGranule, headerType: 4, packet: [UInt8](repeating: 0, count: 64))
        return bytes
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func littleEndian(_ value: UInt64, width: Int) -> [UInt8] {
        (0..<width).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) }
    }
}
