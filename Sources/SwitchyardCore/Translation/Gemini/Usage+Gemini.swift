extension Usage {
    /// OpenAI usage for Gemini `usageMetadata`.
    ///
    /// Prompt tokens include tool-use prompt tokens (results of server-side tools are input
    /// billed as such); completion tokens are candidates plus thoughts, with the thoughts also
    /// reported as `reasoning_tokens`; cached content becomes `cached_tokens`. The total is
    /// Gemini's own when it sent one.
    public init(gemini usage: GeminiUsageMetadata) {
        let prompt = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0)
        let completion = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0)
        self.init(
            promptTokens: prompt,
            completionTokens: completion,
            totalTokens: usage.totalTokenCount ?? prompt + completion,
            promptTokensDetails: usage.cachedContentTokenCount.map { PromptTokensDetails(cachedTokens: $0) },
            completionTokensDetails: usage.thoughtsTokenCount.map { CompletionTokensDetails(reasoningTokens: $0) }
        )
    }
}
