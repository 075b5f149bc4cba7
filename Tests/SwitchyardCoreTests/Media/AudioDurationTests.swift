import NIOCore
import Testing

@testable import SwitchyardCore

/// Durations read from WAV, MP3, FLAC and Ogg containers built in code.
@Suite struct AudioDurationTests {
    private static func seconds(_ bytes: [UInt8], filename: String? = nil, contentType: String? = nil) -> Double? {
        AudioDuration.seconds(of: ByteBuffer(bytes: bytes), filename: filename, contentType: contentType)
    }

    private static func close(_ value: Double?, _ expected: Double, within tolerance: Double = 1e-9) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= tolerance
    }

    @Test("WAV: data size over byte rate, exactly, with extra chunks around")
    func wav() {
        let tone = WAVAudio.tone(seconds: 1.5, sampleRate: 16000)
        #expect(Self.seconds(tone) == 1.5)
        let stereo = WAVAudio.wav(pcm16: [UInt8](repeating: 0, count: 44100 * 4 / 2), sampleRate: 44100, channels: 2)
        #expect(Self.seconds(stereo) == 0.5)
        // A LIST chunk (odd size, padded) before `data`.
        var withList = Array(stereo[0..<36])
        withList += Array("LIST".utf8) + [3, 0, 0, 0] + [1, 2, 3, 0]
        withList += stereo[36...]
        #expect(Self.seconds(withList) == 0.5)
        // A streamed header that claims 0xFFFFFFFF data bytes counts what is there.
        var streamed = stereo
        streamed.replaceSubrange(40..<44, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Self.seconds(streamed) == 0.5)
        #expect(Self.seconds(Array(tone.prefix(30))) == nil)
    }

    @Test("MP3: frames walked for MPEG 1, 2 and 2.5 Layer III")
    func mp3Walk() {
        let mpeg1 = AudioFixtures.mp3Frames(header: AudioFixtures.mpeg1Header, count: 100, length: AudioFixtures.mpeg1FrameLength)
        #expect(Self.close(Self.seconds(mpeg1), 100 * 1152 / 44100))
        let mpeg2 = AudioFixtures.mp3Frames(header: AudioFixtures.mpeg2Header, count: 50, length: AudioFixtures.mpeg2FrameLength)
        #expect(Self.close(Self.seconds(mpeg2, filename: "a.mp3"), 50 * 576 / 22050))
        let mpeg25 = AudioFixtures.mp3Frames(header: AudioFixtures.mpeg25Header, count: 40, length: AudioFixtures.mpeg25FrameLength)
        #expect(Self.close(Self.seconds(mpeg25), 40 * 576 / 8000))
    }

    @Test("MP3: ID3v2 skipped, garbage resynced, ID3v1 trailer ignored")
    func mp3Garbage() {
        let frames = AudioFixtures.mp3Frames(header: AudioFixtures.mpeg1Header, count: 20, length: AudioFixtures.mpeg1FrameLength)
        var bytes = AudioFixtures.id3(size: 300) + frames
        bytes += [0x00, 0xFF, 0xFF, 0x12, 0x34, 0xFF]  // garbage between frames
        bytes += frames
        bytes += Array("TAG".utf8) + [UInt8](repeating: 0x20, count: 125)
        #expect(Self.close(Self.seconds(bytes), 40 * 1152 / 44100))
        // Leading junk after the tag needs a resync before the first frame.
        let junk = AudioFixtures.id3(size: 10) + [1, 2, 3] + frames
        #expect(Self.close(Self.seconds(junk), 20 * 1152 / 44100))
        // A headerless MP3 with leading junk is found only with a hint.
        #expect(Self.seconds([9, 9, 9] + frames) == nil)
        #expect(Self.close(Self.seconds([9, 9, 9] + frames, contentType: "audio/mpeg"), 20 * 1152 / 44100))
    }

    @Test("MP3: Xing, Info and VBRI frame counts win over walking")
    func mp3Declared() {
        let rest = AudioFixtures.mp3Frames(header: AudioFixtures.mpeg1Header, count: 3, length: AudioFixtures.mpeg1FrameLength)
        #expect(Self.close(Self.seconds(AudioFixtures.xingFrame(frames: 1000) + rest), 1000 * 1152 / 44100))
        #expect(Self.close(Self.seconds(AudioFixtures.xingFrame(frames: 500, tag: "Info") + rest), 500 * 1152 / 44100))
        #expect(Self.close(Self.seconds(AudioFixtures.vbriFrame(frames: 250) + rest), 250 * 1152 / 44100))
    }

    @Test("FLAC: STREAMINFO total samples over rate, after an ID3 tag too")
    func flac() {
        let bytes = AudioFixtures.flac(sampleRate: 44100, totalSamples: 44100 * 3 + 22050)
        #expect(Self.seconds(bytes) == 3.5)
        #expect(Self.seconds(AudioFixtures.id3(size: 20) + bytes) == 3.5)
        #expect(Self.seconds(AudioFixtures.flac(sampleRate: 44100, totalSamples: 0)) == nil)
    }

    @Test("Ogg: Opus granule minus pre-skip over 48 kHz; Vorbis granule over its rate")
    func ogg() {
        #expect(Self.seconds(AudioFixtures.opus(preSkip: 312, finalGranule: 96000 + 312)) == 2)
        #expect(Self.seconds(AudioFixtures.vorbis(rate: 44100, finalGranule: 441000)) == 10)
        // The page CRC the fixture writes is the one RFC 3533 defines (check value of "123456789").
        #expect(AudioFixtures.oggCRC(Array("123456789".utf8)) == 0x89A1_897F)
    }

    @Test("unknown formats are nil", arguments: [
        [UInt8](),
        Array("\u{0}\u{0}\u{0}\u{20}ftypM4A isom".utf8),
        [0x1A, 0x45, 0xDF, 0xA3, 0x01, 0x02],
        Array("plain text, not audio".utf8),
    ])
    func unknown(bytes: [UInt8]) {
        #expect(Self.seconds(bytes, filename: "x.m4a", contentType: "audio/mp4") == nil)
    }
}
