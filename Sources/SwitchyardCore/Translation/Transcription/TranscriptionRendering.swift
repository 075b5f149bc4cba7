#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A finished transcript, from any provider, written in the `response_format` a client asked
/// for.
///
/// `json` is `{"text"}` plus `usage` when known (the given usage, else
/// `{"type": "duration", "seconds": ⌈duration⌉}`); `verbose_json` adds `task`, `language`,
/// `duration` and `segments`; `text` is the transcript alone; `srt` and `vtt` are subtitles
/// with one cue per segment, or one cue spanning the whole duration when there are no segments
/// (ending at 0 when the duration is unknown too).
public struct TranscriptionRendering: Sendable, Hashable {
    /// A rendered body and its `Content-Type`.
    public struct Rendered: Sendable, Hashable {
        public var body: [UInt8]
        public var contentType: String
    }

    public var text: String
    /// Seconds of audio, where the caller could measure them.
    public var durationSeconds: Double?
    /// The spoken language as the client named it, or as detected.
    public var language: String?
    public var task: TranscriptionTask
    /// Timed stretches of the transcript, where the provider gave them.
    public var segments: [TranscriptionSegment]?
    public var usage: TranscriptionUsage?

    public init(
        text: String,
        durationSeconds: Double? = nil,
        language: String? = nil,
        task: TranscriptionTask = .transcribe,
        segments: [TranscriptionSegment]? = nil,
        usage: TranscriptionUsage? = nil
    ) {
        self.text = text
        self.durationSeconds = durationSeconds
        self.language = language
        self.task = task
        self.segments = segments
        self.usage = usage
    }

    static let textType = "text/plain; charset=utf-8"
    static let jsonType = "application/json"

    /// The body for `format` (`json` when nil); a 400 naming `response_format` for a format
    /// the gateway cannot write.
    public func render(_ format: TranscriptionFormat?) throws -> Rendered {
        switch format ?? .json {
        case .json:
            return Rendered(body: try Self.encode(jsonBody), contentType: Self.jsonType)
        case .verboseJSON:
            return Rendered(body: try Self.encode(verboseBody), contentType: Self.jsonType)
        case .text:
            return Rendered(body: Array((text + "\n").utf8), contentType: Self.textType)
        case .srt:
            return Rendered(body: Array(srt.utf8), contentType: Self.textType)
        case .vtt:
            return Rendered(body: Array(vtt.utf8), contentType: Self.textType)
        case .other(let value):
            throw GatewayError.invalidRequest(
                "`response_format` must be json, text, srt, verbose_json or vtt here; got `\(value)`.",
                param: "response_format"
            )
        }
    }

    /// The `json` answer.
    public var jsonBody: TranscriptionResponse {
        TranscriptionResponse(text: text, usage: usage ?? durationSeconds.map { .duration(seconds: $0.rounded(.up)) })
    }

    /// The `verbose_json` answer: segments as given, else one segment of the whole text.
    public var verboseBody: TranscriptionResponse {
        TranscriptionResponse(
            text: text,
            task: task.rawValue,
            language: language ?? (task == .translate ? "english" : nil),
            duration: durationSeconds ?? 0,
            segments: cues,
            usage: usage ?? durationSeconds.map { .duration(seconds: $0.rounded(.up)) }
        )
    }

    /// SubRip subtitles: numbered cues, `00:00:01,500 --> 00:00:04,000`, blank line between.
    public var srt: String {
        cues.enumerated().map { number, cue in
            "\(number + 1)\n\(Self.timestamp(cue.start, separator: ",")) --> \(Self.timestamp(cue.end, separator: ","))\n"
                + "\(cue.text.trimmedLines)\n"
        }.joined(separator: "\n")
    }

    /// WebVTT subtitles: a `WEBVTT` header, then cues `00:00:01.500 --> 00:00:04.000`.
    public var vtt: String {
        "WEBVTT\n\n" + cues.map { cue in
            "\(Self.timestamp(cue.start, separator: ".")) --> \(Self.timestamp(cue.end, separator: "."))\n"
                + "\(cue.text.trimmedLines)\n"
        }.joined(separator: "\n")
    }

    /// The segments, or one segment spanning the whole audio.
    private var cues: [TranscriptionSegment] {
        if let segments, !segments.isEmpty { return segments }
        return [TranscriptionSegment(id: 0, start: 0, end: durationSeconds ?? 0, text: text)]
    }

    /// `HH:MM:SS` then `separator` and milliseconds, rounded to the nearest millisecond.
    public static func timestamp(_ seconds: Double, separator: Character) -> String {
        let milliseconds = max(0, Int((seconds * 1000).rounded()))
        let hours = milliseconds / 3_600_000
        let minutes = milliseconds / 60_000 % 60
        let secs = milliseconds / 1000 % 60
        return "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(secs, 2))\(separator)\(pad(milliseconds % 1000, 3))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func encode(_ body: TranscriptionResponse) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(body))
    }
}

extension String {
    /// The text without leading and trailing white space, and without blank lines, which
    /// would end a subtitle cue early.
    fileprivate var trimmedLines: String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
