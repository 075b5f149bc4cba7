/// One word of a `verbose_json` transcription asked for with `timestamp_granularities[]=word`.
public struct TranscriptionWord: Sendable, Hashable, Codable {
    public var word: String
    /// Seconds from the start of the audio.
    public var start: Double
    public var end: Double

    public init(word: String, start: Double, end: Double) {
        self.word = word
        self.start = start
        self.end = end
    }
}
