extension GeminiUsageMetadata {
    /// Gemini `usageMetadata` for OpenAI usage: reasoning tokens become `thoughtsTokenCount`
    /// and are taken out of `candidatesTokenCount`.
    public init(openAI usage: Usage) {
        let thoughts = usage.completionTokensDetails?.reasoningTokens
        self.init(
            promptTokenCount: usage.promptTokens,
            candidatesTokenCount: max(0, usage.completionTokens - (thoughts ?? 0)),
            totalTokenCount: usage.totalTokens,
            cachedContentTokenCount: usage.promptTokensDetails?.cachedTokens,
            thoughtsTokenCount: thoughts
        )
    }
}
