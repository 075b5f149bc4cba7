import Foundation

/// Prices a request's token usage with a deployment's `model_info` costs.
public enum CostCalculator {
    /// USD for `usage`, or nil when the deployment has no prices.
    ///
    /// Cached prompt tokens are priced at `cache_read_input_token_cost` when it is set.
    public static func cost(of usage: Usage, modelInfo: ModelInfo) -> Double? {
        guard modelInfo.inputCostPerToken != nil || modelInfo.outputCostPerToken != nil else { return nil }
        let input = modelInfo.inputCostPerToken ?? 0
        let output = modelInfo.outputCostPerToken ?? 0
        let cached = min(usage.promptTokensDetails?.cachedTokens ?? 0, usage.promptTokens)
        let cachedPrice = modelInfo.cacheReadInputTokenCost ?? input
        return Double(usage.promptTokens - cached) * input + Double(cached) * cachedPrice + Double(usage.completionTokens) * output
    }

    /// A USD amount as a plain decimal string (no exponent), for `x-credits-used`.
    public static func format(_ amount: Double) -> String {
        var text = String(format: "%.10f", amount)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
