extension ModelInfo {
    /// This model_info with costs it lacks taken from `other` (the costs in litellm_params).
    func filling(from other: ModelInfo) -> ModelInfo {
        var result = self
        result.inputCostPerToken = inputCostPerToken ?? other.inputCostPerToken
        result.outputCostPerToken = outputCostPerToken ?? other.outputCostPerToken
        result.cacheReadInputTokenCost = cacheReadInputTokenCost ?? other.cacheReadInputTokenCost
        result.cacheCreationInputTokenCost = cacheCreationInputTokenCost ?? other.cacheCreationInputTokenCost
        return result
    }
}
