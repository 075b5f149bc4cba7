import NIOCore
import Testing

@testable import SwitchyardCore

/// WAV writing, the deterministic tone, and raw-PCM MIME types.
@Suite struct WAVAudioTests {
    @Test("the 44-byte header describes the samples")
    func header() {
        let wav = WAVAudio.wav(pcm16: [1, 2, 3, 4, 5, 6, 7, 8], sampleRate: 16000, channels: 2)
        #expect(wav.count == 52)
        #expect(Array(wav[0..<4]) == Array("RIFF".utf8))
        #expect(Array(wav[4..<8]) == [44, 0, 0, 0])  // 36 + data
        #expect(Array(wav[8..<16]) == Array("WAVEfmt ".utf8))
        #expect(Array(wav[16..<24]) == [16, 0, 0, 0, 1, 0, 2, 0])  // fmt size, PCM, channels
        #expect(Array(wav[24..<28]) == [0x80, 0x3E, 0, 0])  // 16000
        #expect(Array(wav[28..<32]) == [0x00, 0xFA, 0, 0])  // 64000 bytes a second
        #expect(Array(wav[32..<36]) == [4, 0, 16, 0])  // block align, bits
        #expect(Array(wav[36..<44]) == Array("data".utf8) + [8, 0, 0, 0])
        #expect(Array(wav[44...]) == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test("tone: deterministic mono samples of the requested length, not silence")
    func tone() {
        let tone = WAVAudio.tone(seconds: 0.25)
        #expect(tone == WAVAudio.tone(seconds: 0.25))
        #expect(tone.count == 44 + 6000 * 2)
        #expect(Array(tone[44...]) == WAVAudio.tonePCM(seconds: 0.25))
        #expect(tone[44...].contains { $0 != 0 })
        #expect(AudioDuration.seconds(of: ByteBuffer(bytes: tone), filename: nil, contentType: nil) == 0.25)
        #expect(WAVAudio.tone(seconds: 0).count == 44)
    }

    @Test("raw PCM MIME types", arguments: [
        ("audio/L16;codec=pcm;rate=24000", 24000, 1),
        ("audio/l16; rate=16000; channels=2", 16000, 2),
        ("audio/L16", 24000, 1),
        ("audio/pcm;rate=8000", 8000, 1),
    ])
    func pcmFormat(mime: String, rate: Int, channels: Int) {
        let format = WAVAudio.pcmFormat(mimeType: mime)
        #expect(format?.sampleRate == rate)
        #expect(format?.channels == channels)
    }

    @Test("other MIME types are not raw PCM")
    func notPCM() {
        #expect(WAVAudio.pcmFormat(mimeType: "audio/wav") == nil)
        #expect(WAVAudio.pcmFormat(mimeType: "audio/mpeg") == nil)
        #expect(WAVAudio.pcmFormat(mimeType: "audio/L16;rate=0") == nil)
    }
}
