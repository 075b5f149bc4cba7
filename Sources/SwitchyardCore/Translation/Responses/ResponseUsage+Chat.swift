extension ResponseUsage {
    /// Chat token counts in Responses terms: prompt → input, completion → output. Cache writes
    /// are read where the pivot keeps them: OpenAI-style `cache_write_tokens` in the prompt
    /// details, or Anthropic's `cache_creation_input_tokens` beside the counts.
    public init(chat usage: Usage) {
        let cacheWrites = usage.promptTokensDetails?.extra["cache_write_tokens"]?.intValue
            ?? usage.extra["cache_creation_input_tokens"]?.intValue
        self.init(
            inputTokens: usage.promptTokens,
            cachedTokens: usage.promptTokensDetails?.cachedTokens ?? 0,
            cacheWriteTokens: cacheWrites ?? 0,
            outputTokens: usage.completionTokens,
            reasoningTokens: usage.completionTokensDetails?.reasoningTokens ?? 0,
            totalTokens: usage.totalTokens
        )
    }
}
