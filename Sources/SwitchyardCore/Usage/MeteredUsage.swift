import Foundation

/// What one answered request used, in every unit an operation can be priced in.
///
/// Chat and embeddings report tokens; images count pictures (and may report tokens too),
/// speech counts the characters it read, transcription the seconds it heard, rerank its
/// queries (Cohere's search units), OCR its pages, moderation its requests. A unit that does
/// not apply is nil; `CostCalculator` prices each unit that has a price.
public struct MeteredUsage: Sendable, Hashable {
    public var tokens: Usage?
    /// Of the tokens, those that were images in and out (token-billed image models).
    public var inputImageTokens: Int?
    public var outputImageTokens: Int?
    /// Images produced.
    public var images: Int?
    /// The requested size of each image (`1024x1024`), for prices by size.
    public var imageSize: String?
    /// The requested quality (`standard`, `hd`, `low`, `medium`, `high`), for prices by quality.
    public var imageQuality: String?
    /// Characters of text turned into speech.
    public var characters: Int?
    /// Seconds of audio heard (the upstream's own figure, else measured from the upload).
    public var seconds: Double?
    /// Rerank queries, as search units.
    public var queries: Int?
    /// Document pages read by OCR.
    public var pages: Int?
    /// Requests priced per request (moderation).
    public var requests: Int?
    /// Seconds of video generated, and its size (`720x1280`) for prices by resolution.
    public var videoSeconds: Double?
    public var videoSize: String?
    /// Music tracks generated, and their seconds.
    public var musicTracks: Int?
    public var musicSeconds: Double?

    public init(
        tokens: Usage? = nil, inputImageTokens: Int? = nil, outputImageTokens: Int? = nil, images: Int? = nil, imageSize: String? = nil, imageQuality: String? = nil, characters: Int? = nil,
        seconds: Double? = nil, queries: Int? = nil, pages: Int? = nil, requests: Int? = nil,
        videoSeconds: Double? = nil, videoSize: String? = nil, musicTracks: Int? = nil, musicSeconds: Double? = nil
    ) {
        self.videoSeconds = videoSeconds
        self.videoSize = videoSize
        self.musicTracks = musicTracks
        self.musicSeconds = musicSeconds
        self.tokens = tokens
        self.inputImageTokens = inputImageTokens
        self.outputImageTokens = outputImageTokens
        self.images = images
        self.imageSize = imageSize
        self.imageQuality = imageQuality
        self.characters = characters
        self.seconds = seconds
        self.queries = queries
        self.pages = pages
        self.requests = requests
    }

    /// Token usage alone (chat, embeddings).
    public init(_ tokens: Usage) {
        self.init(tokens: tokens)
    }

    /// The units other than tokens, as a JSON object for the spend log (`{"images":2,…}`);
    /// nil when there are none.
    public var unitsJSON: String? {
        var members: [String: JSONValue] = [:]
        if let images { members["images"] = .number(Double(images)) }
        if let imageSize { members["image_size"] = .string(imageSize) }
        if let imageQuality { members["image_quality"] = .string(imageQuality) }
        if let characters { members["characters"] = .number(Double(characters)) }
        if let seconds { members["seconds"] = .number(seconds) }
        if let queries { members["queries"] = .number(Double(queries)) }
        if let pages { members["pages"] = .number(Double(pages)) }
        if let requests { members["requests"] = .number(Double(requests)) }
        if let videoSeconds { members["video_seconds"] = .number(videoSeconds) }
        if let videoSize { members["video_size"] = .string(videoSize) }
        if let musicTracks { members["music_tracks"] = .number(Double(musicTracks)) }
        if let musicSeconds { members["music_seconds"] = .number(musicSeconds) }
        guard !members.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(JSONValue.object(members))).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension MeteredUsage {
    /// This usage with the seconds heard set.
    public func with(seconds: Double) -> MeteredUsage {
        var copy = self
        copy.seconds = seconds
        return copy
    }
}
