import SwitchyardCore
import Testing

/// Operations priced per image, character, second, query, page or request: read from
/// LiteLLM's `model_info` keys, listed in the built-in table, multiplied like tokens, and
/// unknown (never a silent zero) when nothing the request used has a price.
@Suite struct UnitPricingTests {
    private func config(_ yaml: String) throws -> GatewayConfig {
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.filter { $0.severity == .error }.isEmpty, "\(result.problems)")
        return try #require(result.config)
    }

    @Test func imagePricesBySizeAndQualityComeFromATableTheMostSpecificKeyWinning() throws {
        let config = try config(
            """
            model_list:
              - model_name: painter
                litellm_params: {model: openai/my-painter, api_key: k}
                model_info:
                  output_cost_per_image: {"1024x1024": 0.04, "hd/1024x1792": 0.12, hd: 0.09, default: 0.05}
                  billing_multiplier: 2
            """
        )
        let info = try #require(config.deployments.first?.modelInfo)
        func cost(_ size: String?, _ quality: String?, images: Int = 1) -> Double? {
            CostCalculator.charge(of: MeteredUsage(images: images, imageSize: size, imageQuality: quality), modelInfo: info)?.cost
        }
        #expect(cost("1024x1024", "standard", images: 3) == 3 * 0.04 * 2)
        #expect(cost("1024x1792", "hd") == 0.12 * 2)
        #expect(cost("1792x1024", "hd") == 0.09 * 2)
        #expect(cost("512x512", nil) == 0.05 * 2)
    }

    @Test func perUnitKeysPriceSpeechTranscriptionRerankOCRAndModeration() throws {
        let config = try config(
            """
            model_list:
              - {model_name: speak, litellm_params: {model: openai/s, api_key: k}, model_info: {input_cost_per_character: 0.00002}}
              - {model_name: hear, litellm_params: {model: openai/h, api_key: k, input_cost_per_second: 0.0001}}
              - {model_name: rank, litellm_params: {model: cohere/r, api_key: k}, model_info: {input_cost_per_query: 0.002}}
              - {model_name: read, litellm_params: {model: mistral/o, api_key: k}, model_info: {ocr_cost_per_page: 0.001}}
              - {model_name: judge, litellm_params: {model: openai/m, api_key: k}, model_info: {input_cost_per_request: 0.0005}}
            """
        )
        let infos = config.deployments.map(\.modelInfo)
        #expect(CostCalculator.charge(of: MeteredUsage(characters: 1000), modelInfo: infos[0])?.cost == 0.02)
        #expect(CostCalculator.charge(of: MeteredUsage(seconds: 90), modelInfo: infos[1])?.cost == 90 * 0.0001)
        #expect(CostCalculator.charge(of: MeteredUsage(queries: 2), modelInfo: infos[2])?.cost == 0.004)
        #expect(CostCalculator.charge(of: MeteredUsage(pages: 7), modelInfo: infos[3])?.cost == 0.007)
        #expect(CostCalculator.charge(of: MeteredUsage(requests: 1), modelInfo: infos[4])?.cost == 0.0005)
    }

    @Test func aUnitPriceWinsOverTokensAndTokensPriceWhatHasNoUnitPrice() {
        var info = ModelInfo(inputCostPerToken: 1e-6, outputCostPerToken: 2e-6)
        let tokens = Usage(promptTokens: 100, completionTokens: 50)
        // A transcription that reports tokens and seconds, priced per token only.
        #expect(CostCalculator.charge(of: MeteredUsage(tokens: tokens, seconds: 30), modelInfo: info)?.listCost == 100 * 1e-6 + 50 * 2e-6)
        // Priced per second as well: the second price wins, tokens are not charged on top.
        info.unitPrices.inputCostPerSecond = 0.001
        #expect(CostCalculator.charge(of: MeteredUsage(tokens: tokens, seconds: 30), modelInfo: info)?.listCost == 0.03)
    }

    @Test func imageTokensArePricedAtTheirOwnRateWhenListed() throws {
        // gpt-image-1: text in $5/M, image in $10/M, image out $40/M.
        let info = try #require(PriceTable.modelInfo(for: "openai/gpt-image-1"))
        let usage = MeteredUsage(tokens: Usage(promptTokens: 50 + 200, completionTokens: 4160), inputImageTokens: 200, outputImageTokens: 4160, images: 1)
        let expected = 50 * 5e-6 + 200 * 1e-5 + 4160 * 4e-5
        let cost = try #require(CostCalculator.charge(of: usage, modelInfo: info)?.cost)
        #expect(abs(cost - expected) < 1e-12)
    }

    @Test func theBuiltInTableCoversCommonMediaModels() throws {
        func cost(_ model: String, _ usage: MeteredUsage) -> Double? {
            PriceTable.modelInfo(for: model).flatMap { CostCalculator.charge(of: usage, modelInfo: $0)?.cost }
        }
        #expect(cost("dall-e-3", MeteredUsage(images: 2, imageSize: "1024x1024", imageQuality: "standard")) == 0.08)
        #expect(cost("dall-e-3", MeteredUsage(images: 1, imageSize: "1024x1792", imageQuality: "hd")) == 0.12)
        #expect(cost("dall-e-2", MeteredUsage(images: 1, imageSize: "256x256")) == 0.016)
        #expect(cost("tts-1", MeteredUsage(characters: 1_000_000)) == 15)
        #expect(cost("whisper-1", MeteredUsage(seconds: 60)).map { abs($0 - 0.006) < 1e-12 } == true)
        #expect(cost("imagen-4.0-generate-001", MeteredUsage(images: 4)) == 0.16)
        #expect(cost("rerank-v3.5", MeteredUsage(queries: 1)) == 0.002)
        #expect(cost("mistral-ocr-latest", MeteredUsage(pages: 1000)) == 1)
        #expect(cost("omni-moderation-latest", MeteredUsage(requests: 1)) == 0)
    }

    @Test func nothingPricedForWhatWasUsedIsUnknownNotZero() {
        let perImage = ModelInfo(unitPrices: { var p = UnitPrices(); p.outputCostPerImage = .flat(0.04); return p }())
        #expect(CostCalculator.charge(of: MeteredUsage(seconds: 12), modelInfo: perImage) == nil)
        #expect(CostCalculator.charge(of: MeteredUsage(images: 1), modelInfo: ModelInfo()) == nil)
        #expect(MeteredUsage(images: 2, imageSize: "1024x1024").unitsJSON == #"{"image_size":"1024x1024","images":2}"#)
        #expect(MeteredUsage(Usage(promptTokens: 1, completionTokens: 1)).unitsJSON == nil)
    }
}
