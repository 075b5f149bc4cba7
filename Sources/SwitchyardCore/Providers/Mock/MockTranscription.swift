import Foundation
import NIOCore

/// OpenAI's speech-to-text (`/audio/transcriptions`, `/audio/translations`).
///
/// The transcript is `MockModel.Transcript` words for the uploaded file's duration (read from
/// its container, else one second per 32,000 bytes), about 2.5 words a second, seeded by the
/// file's bytes (translations by a different seed, and always English). Segments hold ten
/// words each and split the duration evenly by word.
enum MockTranscription {
    static let wordsPerSegment = 10

    private static let languages = [
        "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian", "pt": "portuguese",
        "nl": "dutch", "ja": "japanese", "zh": "chinese", "ko": "korean", "ru": "russian", "pl": "polish",
    ]

    static func answer(_ request: MockMediaRequest, translate: Bool) throws(GatewayError) -> MockProviderHandler.Answer {
        guard let form = request.form, let file = form.files("file").first else {
            throw GatewayError.invalidRequest("Missing required parameter: 'file'.", param: "file")
        }
        _ = try request.requiredString("model")
        let format = try request.string("response_format") ?? "json"
        guard ["json", "text", "srt", "vtt", "verbose_json"].contains(format) else {
            throw GatewayError.invalidRequest("Invalid value: '\(format)'. Supported values are: 'json', 'text', 'srt', 'verbose_json', and 'vtt'.", param: "response_format")
        }
        let seconds = MockModel.Transcript.seconds(of: file.body, filename: file.filename, contentType: file.contentType)
        var seed = MockModel.Hashing.fnv1a(bytes: file.body.readableBytesView)
        if translate { seed = MockModel.Hashing.fnv1a(bytes: Array("translate".utf8), continuing: seed) }
        let words = MockModel.Transcript.words(seconds: seconds, seed: seed)
        let text = MockModel.Transcript.sentence(words)
        let segments = segments(words, seconds: seconds)

        switch format {
        case "text": return plain(text + "\n")
        case "srt": return plain(subtitles(segments, vtt: false))
        case "vtt": return plain(subtitles(segments, vtt: true))
        case "verbose_json":
            let language = translate ? "english" : try request.string("language").map { languages[$0.lowercased()] ?? $0.lowercased() } ?? "english"
            let temperature = try request.number("temperature") ?? 0
            var body: [String: JSONValue] = [
                "task": translate ? "translate" : "transcribe",
                "language": .string(language),
                "duration": .number(rounded(seconds)),
                "text": .string(text),
                "segments": .array(segments.enumerated().map { index, segment in
                    segmentJSON(segment, index: index, seed: seed, temperature: temperature)
                }),
            ]
            let granularities = form.values("timestamp_granularities")
            if !translate && granularities.contains("word") {
                body["words"] = .array(wordTimings(words, seconds: seconds).map { word in
                    ["word": .string(word.word), "start": .number(word.start), "end": .number(word.end)]
                })
            }
            if !translate { body["usage"] = usage(seconds) }
            return MockProviderHandler.json(JSONValue.object(body))
        default:
            var body: [String: JSONValue] = ["text": .string(text)]
            if !translate { body["usage"] = usage(seconds) }
            return MockProviderHandler.json(JSONValue.object(body))
        }
    }

    struct Segment {
        var text: String
        var start: Double
        var end: Double
        var words: [String]
    }

    /// Ten-word segments whose times split `seconds` in proportion to their words.
    static func segments(_ words: [String], seconds: Double) -> [Segment] {
        stride(from: 0, to: words.count, by: wordsPerSegment).map { start in
            let end = min(start + wordsPerSegment, words.count)
            let piece = Array(words[start..<end])
            let text = start == 0 ? String(MockModel.Transcript.sentence(piece).dropLast()) : piece.joined(separator: " ")
            return Segment(
                text: " " + text + (end == words.count ? "." : ""),
                start: rounded(seconds * Double(start) / Double(words.count)),
                end: rounded(seconds * Double(end) / Double(words.count)),
                words: piece
            )
        }
    }

    static func wordTimings(_ words: [String], seconds: Double) -> [(word: String, start: Double, end: Double)] {
        words.enumerated().map { index, word in
            (word, rounded(seconds * Double(index) / Double(words.count)), rounded(seconds * Double(index + 1) / Double(words.count)))
        }
    }

    private static func segmentJSON(_ segment: Segment, index: Int, seed: UInt64, temperature: Double) -> JSONValue {
        var state = seed ^ UInt64(index)
        let tokens = segment.words.map { _ in JSONValue.number(Double(50365 + Int(MockModel.Hashing.splitMix(&state) % 10000))) }
        return [
            "id": .number(Double(index)),
            "seek": .number(Double(Int(segment.start * 100))),
            "start": .number(segment.start),
            "end": .number(segment.end),
            "text": .string(segment.text),
            "tokens": .array(tokens),
            "temperature": .number(temperature),
            "avg_logprob": -0.25,
            "compression_ratio": 1.2,
            "no_speech_prob": 0.01,
        ]
    }

    /// Whisper bills whole seconds.
    private static func usage(_ seconds: Double) -> JSONValue {
        ["type": "duration", "seconds": .number(Double(Int(seconds.rounded(.up))))]
    }

    private static func subtitles(_ segments: [Segment], vtt: Bool) -> String {
        var text = vtt ? "WEBVTT\n\n" : ""
        for (index, segment) in segments.enumerated() {
            if !vtt { text += "\(index + 1)\n" }
            text += "\(timestamp(segment.start, vtt: vtt)) --> \(timestamp(segment.end, vtt: vtt))\n"
            text += segment.text.dropFirst() + "\n\n"
        }
        return text
    }

    /// `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (WebVTT).
    static func timestamp(_ seconds: Double, vtt: Bool) -> String {
        let millis = Int((seconds * 1000).rounded())
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let fraction = String(millis % 1000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        return "\(two(millis / 3_600_000)):\(two(millis / 60000 % 60)):\(two(millis / 1000 % 60))\(vtt ? "." : ",")\(padded)"
    }

    private static func plain(_ text: String) -> MockProviderHandler.Answer {
        .init(status: 200, contentType: "text/plain; charset=utf-8", chunks: [ByteBuffer(string: text)], retryAfter: nil)
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
