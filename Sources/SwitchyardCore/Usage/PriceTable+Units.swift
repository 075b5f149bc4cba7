extension PriceTable {
    /// Built-in prices of the units that are not tokens (providers' published list prices).
    static let unitPrices: [String: UnitPrices] = [
        // OpenAI images: per image, by size and quality.
        "dall-e-2": .perImage(.table(["256x256": 0.016, "512x512": 0.018, "1024x1024": 0.02, "default": 0.02])),
        "dall-e-3": .perImage(.table([
            "1024x1024": 0.04, "1024x1792": 0.08, "1792x1024": 0.08,
            "hd/1024x1024": 0.08, "hd/1024x1792": 0.12, "hd/1792x1024": 0.12, "default": 0.04,
        ])),
        // Token-billed image models: image tokens in (and out) at their own price.
        "gpt-image-1": .imageTokens(input: 1e-5, output: 4e-5),
        "gpt-image-1-mini": .imageTokens(input: 2.5e-6, output: 8e-6),
        "gemini-2.5-flash-image": .imageTokens(input: 3e-7, output: 3e-5),
        "gemini-2.5-flash-image-preview": .imageTokens(input: 3e-7, output: 3e-5),
        // Imagen: per image.
        "imagen-4.0-generate-001": .perImage(.flat(0.04)),
        "imagen-4.0-ultra-generate-001": .perImage(.flat(0.06)),
        "imagen-4.0-fast-generate-001": .perImage(.flat(0.02)),
        "imagen-3.0-generate-002": .perImage(.flat(0.03)),
        // Speech: per character read.
        "tts-1": .perCharacter(1.5e-5),
        "tts-1-hd": .perCharacter(3e-5),
        // Transcription: per second heard.
        "whisper-1": .perSecond(1e-4),
        "whisper-large-v3": .perSecond(0.111 / 3600),
        "whisper-large-v3-turbo": .perSecond(0.04 / 3600),
        // Moderation is free at OpenAI: a known price of zero.
        "omni-moderation-latest": .perRequest(0),
        "omni-moderation": .perRequest(0),
        "text-moderation-latest": .perRequest(0),
        "text-moderation-stable": .perRequest(0),
        // Rerank: per search.
        "rerank-v3.5": .perQuery(0.002),
        "rerank-english-v3.0": .perQuery(0.002),
        "rerank-multilingual-v3.0": .perQuery(0.002),
        // OCR: per page.
        "mistral-ocr-latest": .perPage(0.001),
        "mistral-ocr": .perPage(0.001),
        // Video: per second generated, by resolution where the price differs.
        "sora-2": .videoPerSecond(0.10),
        "sora-2-pro": .videoPerSecond(0.30, byResolution: ["720p": 0.30, "1024p": 0.50, "1080p": 0.70]),
        "veo-3.0-generate-001": .videoPerSecond(0.40),
        "veo-3.0-fast-generate-001": .videoPerSecond(0.15),
        "veo-3.1-generate-preview": .videoPerSecond(0.40),
        "veo-3.1-fast-generate-preview": .videoPerSecond(0.15),
        "veo-2.0-generate-001": .videoPerSecond(0.35),
    ]
}

extension UnitPrices {
    static func perImage(_ price: ImagePrice) -> UnitPrices {
        var prices = UnitPrices()
        prices.outputCostPerImage = price
        return prices
    }

    static func imageTokens(input: Double, output: Double) -> UnitPrices {
        var prices = UnitPrices()
        prices.inputCostPerImageToken = input
        prices.outputCostPerImageToken = output
        return prices
    }

    static func perCharacter(_ price: Double) -> UnitPrices { priced(\.inputCostPerCharacter, price) }
    static func perSecond(_ price: Double) -> UnitPrices { priced(\.inputCostPerSecond, price) }
    static func perRequest(_ price: Double) -> UnitPrices { priced(\.inputCostPerRequest, price) }
    static func perQuery(_ price: Double) -> UnitPrices { priced(\.inputCostPerQuery, price) }
    static func perPage(_ price: Double) -> UnitPrices { priced(\.ocrCostPerPage, price) }

    static func videoPerSecond(_ price: Double, byResolution: [String: Double] = [:]) -> UnitPrices {
        var prices = priced(\.outputCostPerVideoPerSecond, price)
        prices.videoPerSecondByResolution = byResolution
        return prices
    }

    private static func priced(_ unit: WritableKeyPath<UnitPrices, Double?>, _ price: Double) -> UnitPrices {
        var prices = UnitPrices()
        prices[keyPath: unit] = price
        return prices
    }
}
