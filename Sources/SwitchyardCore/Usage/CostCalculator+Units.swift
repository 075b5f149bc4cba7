extension CostCalculator {
    /// What `usage` costs, or nil when no unit it used has a price.
    public static func charge(of usage: MeteredUsage, modelInfo: ModelInfo) -> Charge? {
        listCost(of: usage, modelInfo: modelInfo).map { Charge(listCost: $0, modelInfo: modelInfo) }
    }

    /// USD at list price for `usage`.
    ///
    /// A unit price (per image, character, second, query, page or request) wins when one
    /// applies to what the request used; otherwise its tokens are priced, image tokens at
    /// `input_cost_per_image_token` / `output_cost_per_image_token` when those are set. So a
    /// transcription model priced per second is never charged its tokens as well.
    static func listCost(of usage: MeteredUsage, modelInfo: ModelInfo) -> Double? {
        if let units = unitCost(of: usage, prices: modelInfo.unitPrices) { return units }
        guard let tokens = usage.tokens, var cost = listCost(of: tokens, modelInfo: modelInfo) else { return nil }
        let prices = modelInfo.unitPrices
        if let imageTokens = usage.inputImageTokens, let price = prices.inputCostPerImageToken {
            cost += Double(min(imageTokens, tokens.promptTokens)) * (price - (modelInfo.inputCostPerToken ?? 0))
        }
        if let imageTokens = usage.outputImageTokens, let price = prices.outputCostPerImageToken {
            cost += Double(min(imageTokens, tokens.completionTokens)) * (price - (modelInfo.outputCostPerToken ?? 0))
        }
        return cost
    }

    /// The cost of the units other than tokens that have a price, or nil when none has.
    private static func unitCost(of usage: MeteredUsage, prices: UnitPrices) -> Double? {
        var terms: [Double] = []
        if let images = usage.images {
            if let price = prices.outputCostPerImage?.price(size: usage.imageSize, quality: usage.imageQuality) {
                terms.append(Double(images) * price)
            } else if let price = prices.inputCostPerPixel, let pixels = ImageSize(usage.imageSize ?? "")?.pixelCount {
                terms.append(Double(images * pixels) * price)
            }
        }
        if let characters = usage.characters, let price = prices.inputCostPerCharacter { terms.append(Double(characters) * price) }
        if let seconds = usage.seconds, let price = prices.inputCostPerSecond { terms.append(seconds * price) }
        if let queries = usage.queries, let price = prices.inputCostPerQuery { terms.append(Double(queries) * price) }
        if let pages = usage.pages, let price = prices.ocrCostPerPage { terms.append(Double(pages) * price) }
        if let requests = usage.requests, let price = prices.inputCostPerRequest { terms.append(Double(requests) * price) }
        if let seconds = usage.videoSeconds, let price = prices.videoPricePerSecond(size: usage.videoSize) { terms.append(seconds * price) }
        if let tracks = usage.musicTracks, let price = prices.outputCostPerMusicTrack {
            terms.append(Double(tracks) * price)
        } else if let seconds = usage.musicSeconds, let price = prices.outputCostPerSecond {
            terms.append(seconds * price)
        }
        return terms.isEmpty ? nil : terms.reduce(0, +)
    }
}
