import Foundation

/// Prices a request's usage with a deployment's `model_info` costs.
///
/// Every unit is priced at its list price in `listCost`; `Charge` then applies the model's
/// billing multiplier, so a unit added here is marked up without anyone remembering to.
public enum CostCalculator {
    /// What `usage` costs, or nil when the deployment has no prices.
    public static func charge(of usage: Usage, modelInfo: ModelInfo) -> Charge? {
        listCost(of: usage, modelInfo: modelInfo).map { Charge(listCost: $0, modelInfo: modelInfo) }
    }

    /// USD charged for `usage` (the multiplier applied), or nil when the deployment has no prices.
    public static func cost(of usage: Usage, modelInfo: ModelInfo) -> Double? {
        charge(of: usage, modelInfo: modelInfo)?.cost
    }

    /// USD at list price for `usage`, or nil when the deployment has no prices.
    ///
    /// Cached prompt tokens are priced at `cache_read_input_token_cost` and prompt-cache
    /// writes (Anthropic's `cache_creation_input_tokens`) at `cache_creation_input_token_cost`
    /// when those are set, else at the input price. Reasoning tokens are part of the
    /// completion tokens, as every provider reports them.
    static func listCost(of usage: Usage, modelInfo: ModelInfo) -> Double? {
        guard modelInfo.hasTokenPrice else { return nil }
        let input = modelInfo.inputCostPerToken ?? 0
        let output = modelInfo.outputCostPerToken ?? 0
        let cached = min(usage.promptTokensDetails?.cachedTokens ?? 0, usage.promptTokens)
        let written = min(usage.extra["cache_creation_input_tokens"]?.intValue ?? 0, usage.promptTokens - cached)
        let uncached = usage.promptTokens - cached - written
        return Double(uncached) * input
            + Double(cached) * (modelInfo.cacheReadInputTokenCost ?? input)
            + Double(written) * (modelInfo.cacheCreationInputTokenCost ?? input)
            + Double(usage.completionTokens) * output
    }

    /// What a request may be charged before it runs, to hold against a budget: its body's
    /// size as prompt tokens (about four bytes each) and `max_tokens` (or
    /// `defaultOutputTokens`) out, with the billing multiplier applied like the real charge.
    public static func estimate(bodyBytes: Int, maxTokens: Int?, modelInfo: ModelInfo, defaultOutputTokens: Int = 256) -> Double {
        let outputTokens = maxTokens ?? modelInfo.maxOutputTokens.map { min($0, defaultOutputTokens) } ?? defaultOutputTokens
        let usage = Usage(promptTokens: bodyBytes / 4, completionTokens: outputTokens)
        return charge(of: usage, modelInfo: modelInfo)?.cost ?? 0
    }

    /// A USD amount as a plain decimal string (no exponent, at most 10 decimals), for
    /// `x-credits-used`. Built from integers: `String(format:)` was a measurable share of a
    /// proxied request.
    public static func format(_ amount: Double) -> String {
        guard amount.isFinite else { return "0" }
        let negative = amount < 0
        let scaled = (abs(amount) * 1e10).rounded()
        guard scaled < 9e18 else { return String(format: "%.10f", amount) }
        let units = UInt64(scaled)
        let whole = units / 10_000_000_000
        var fraction = units % 10_000_000_000
        var text = (negative && units > 0 ? "-" : "") + String(whole)
        guard fraction > 0 else { return text }
        var digits = 10
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        return text
    }
}
