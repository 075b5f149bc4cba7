/// Prices for the units that are not tokens (LiteLLM's `model_info` keys), USD per unit.
public struct UnitPrices: Sendable, Hashable {
    /// `output_cost_per_image`: one price, or prices by size and quality.
    public var outputCostPerImage: ImagePrice?
    /// `input_cost_per_pixel`: priced on the requested size (LiteLLM's DALL·E prices).
    public var inputCostPerPixel: Double?
    /// `input_cost_per_image_token` / `output_cost_per_image_token`: image tokens of
    /// token-billed image models, when they differ from text tokens.
    public var inputCostPerImageToken: Double?
    public var outputCostPerImageToken: Double?
    /// `input_cost_per_character`: text-to-speech.
    public var inputCostPerCharacter: Double?
    /// `input_cost_per_second`: speech-to-text, per second of audio heard.
    public var inputCostPerSecond: Double?
    /// `input_cost_per_query`: rerank, per search unit.
    public var inputCostPerQuery: Double?
    /// `ocr_cost_per_page`.
    public var ocrCostPerPage: Double?
    /// `input_cost_per_request`: a flat price per request (moderation).
    public var inputCostPerRequest: Double?
    /// `output_cost_per_video_per_second`: seconds of generated video, at any resolution
    /// without a price of its own.
    public var outputCostPerVideoPerSecond: Double?
    /// `output_cost_per_video_per_second_720p` and the other resolutions (LiteLLM's keys),
    /// by band: `480p`, `720p`, `1080p`…, the short side of the video's size.
    public var videoPerSecondByResolution: [String: Double] = [:]
    /// `output_cost_per_second`: seconds of generated media (LiteLLM prices Veo with it); video
    /// falls back to it, and music priced by length uses it.
    public var outputCostPerSecond: Double?
    /// `output_cost_per_music_track`: a generated music track, whatever its length.
    public var outputCostPerMusicTrack: Double?

    public init() {}

    /// Whether any unit has a price.
    public var isEmpty: Bool {
        outputCostPerImage == nil && inputCostPerPixel == nil && inputCostPerImageToken == nil && outputCostPerImageToken == nil
            && inputCostPerCharacter == nil && inputCostPerSecond == nil && inputCostPerQuery == nil && ocrCostPerPage == nil
            && inputCostPerRequest == nil && outputCostPerVideoPerSecond == nil && videoPerSecondByResolution.isEmpty
            && outputCostPerSecond == nil && outputCostPerMusicTrack == nil
    }

    /// These prices with the ones they lack taken from `other`.
    func filling(from other: UnitPrices) -> UnitPrices {
        var result = self
        result.outputCostPerImage = outputCostPerImage ?? other.outputCostPerImage
        result.inputCostPerPixel = inputCostPerPixel ?? other.inputCostPerPixel
        result.inputCostPerImageToken = inputCostPerImageToken ?? other.inputCostPerImageToken
        result.outputCostPerImageToken = outputCostPerImageToken ?? other.outputCostPerImageToken
        result.inputCostPerCharacter = inputCostPerCharacter ?? other.inputCostPerCharacter
        result.inputCostPerSecond = inputCostPerSecond ?? other.inputCostPerSecond
        result.inputCostPerQuery = inputCostPerQuery ?? other.inputCostPerQuery
        result.ocrCostPerPage = ocrCostPerPage ?? other.ocrCostPerPage
        result.inputCostPerRequest = inputCostPerRequest ?? other.inputCostPerRequest
        result.outputCostPerVideoPerSecond = outputCostPerVideoPerSecond ?? other.outputCostPerVideoPerSecond
        result.videoPerSecondByResolution = videoPerSecondByResolution.merging(other.videoPerSecondByResolution) { mine, _ in mine }
        result.outputCostPerSecond = outputCostPerSecond ?? other.outputCostPerSecond
        result.outputCostPerMusicTrack = outputCostPerMusicTrack ?? other.outputCostPerMusicTrack
        return result
    }

    /// The config keys, each with where its value goes. Key paths are immutable values; the
    /// dictionary is never written after it is built.
    nonisolated(unsafe) static let keys: [String: WritableKeyPath<UnitPrices, Double?>] = [
        "input_cost_per_pixel": \.inputCostPerPixel,
        "input_cost_per_image_token": \.inputCostPerImageToken,
        "output_cost_per_image_token": \.outputCostPerImageToken,
        "input_cost_per_character": \.inputCostPerCharacter,
        "input_cost_per_second": \.inputCostPerSecond,
        "input_cost_per_query": \.inputCostPerQuery,
        "ocr_cost_per_page": \.ocrCostPerPage,
        "input_cost_per_request": \.inputCostPerRequest,
        "output_cost_per_video_per_second": \.outputCostPerVideoPerSecond,
        "output_cost_per_second": \.outputCostPerSecond,
        "output_cost_per_music_track": \.outputCostPerMusicTrack,
    ]

    /// The prefix of LiteLLM's per-resolution video keys (`…_720p`).
    static let videoResolutionKeyPrefix = "output_cost_per_video_per_second_"

    /// The price of one second of video at `size` (`1280x720`): its resolution band's price
    /// when there is one (an exact band, never the nearest), else the flat video price, else
    /// `output_cost_per_second`.
    public func videoPricePerSecond(size: String?) -> Double? {
        if let band = size.flatMap(Self.resolutionBand), let price = videoPerSecondByResolution[band] { return price }
        return outputCostPerVideoPerSecond ?? outputCostPerSecond
    }

    /// `720p` for `1280x720` and `720x1280`, `4k` for a short side of 2160.
    static func resolutionBand(_ size: String) -> String? {
        let sides = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard sides.count == 2, let short = sides.min(), short > 0 else { return nil }
        return short == 2160 ? "4k" : "\(short)p"
    }
}

/// `output_cost_per_image`: one price for every image, or prices by size and quality
/// (`{"1024x1024": 0.04, "hd/1024x1792": 0.12, "high": 0.17, "default": 0.04}`).
public enum ImagePrice: Sendable, Hashable {
    case flat(Double)
    /// Keys `quality/size`, `size`, `quality` or `default`; the most specific match wins.
    case table([String: Double])

    /// The price of one image of `size` and `quality`, or nil when the table has no match.
    public func price(size: String?, quality: String?) -> Double? {
        switch self {
        case .flat(let price): return price
        case .table(let prices):
            let size = size?.lowercased()
            let quality = quality?.lowercased()
            if let size, let quality, let price = prices["\(quality)/\(size)"] { return price }
            if let size, let price = prices[size] { return price }
            if let quality, let price = prices[quality] { return price }
            return prices["default"]
        }
    }
}
