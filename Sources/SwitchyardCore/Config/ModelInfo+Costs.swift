extension ModelInfo {
    /// Whether any price is known: without one a request's cost is unknown (and a budget
    /// cannot hold it back).
    public var hasPrice: Bool {
        hasTokenPrice || !unitPrices.isEmpty
    }

    /// Whether an input or output token price is known.
    public var hasTokenPrice: Bool {
        inputCostPerToken != nil || outputCostPerToken != nil
    }

    /// This model_info with costs it lacks taken from `other` (the costs in litellm_params,
    /// or the built-in price table). The billing multiplier stays this one's.
    func filling(from other: ModelInfo) -> ModelInfo {
        var result = self
        result.inputCostPerToken = inputCostPerToken ?? other.inputCostPerToken
        result.outputCostPerToken = outputCostPerToken ?? other.outputCostPerToken
        result.cacheReadInputTokenCost = cacheReadInputTokenCost ?? other.cacheReadInputTokenCost
        result.cacheCreationInputTokenCost = cacheCreationInputTokenCost ?? other.cacheCreationInputTokenCost
        result.unitPrices = unitPrices.filling(from: other.unitPrices)
        return result
    }

    /// This model_info priced from the built-in table for `model` when it has no price of its
    /// own: a wildcard deployment (`deepseek/*`) learns its model only from each request.
    /// A `base_model` was already looked up when the config was read.
    public func listedPrice(for model: String) -> ModelInfo {
        guard !hasPrice, baseModel == nil, let listed = PriceTable.modelInfo(for: model) else { return self }
        return filling(from: listed)
    }
}
