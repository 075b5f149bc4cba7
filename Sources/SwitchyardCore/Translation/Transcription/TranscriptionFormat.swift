/// The shape of a transcription answer (`response_format`).
///
/// Open: values OpenAI adds later (`diarized_json`) decode as `.other`; rendering refuses them.
public enum TranscriptionFormat: Sendable, Hashable {
    /// `{"text": …}`, the default.
    case json
    case text
    case srt
    case verboseJSON
    case vtt
    case other(String)

    /// The format for a wire string.
    public init(rawValue: String) {
        switch rawValue {
        case "json": self = .json
        case "text": self = .text
        case "srt": self = .srt
        case "verbose_json": self = .verboseJSON
        case "vtt": self = .vtt
        default: self = .other(rawValue)
        }
    }

    /// The wire string.
    public var rawValue: String {
        switch self {
        case .json: "json"
        case .text: "text"
        case .srt: "srt"
        case .verboseJSON: "verbose_json"
        case .vtt: "vtt"
        case .other(let value): value
        }
    }
}
