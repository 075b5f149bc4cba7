extension Usage {
    /// OpenAI usage for Converse's: the prompt counts every input token (uncached, cache reads
    /// and cache writes), `cached_tokens` the cache reads, and the cache writes stay in
    /// `extra["cache_creation_input_tokens"]`, as the Anthropic translator keeps them.
    public init(bedrock usage: BedrockTokenUsage) {
        let read = usage.cacheReadInputTokens
        let written = usage.cacheWriteInputTokens
        self.init(
            promptTokens: usage.inputTokens + (read ?? 0) + (written ?? 0),
            completionTokens: usage.outputTokens,
            promptTokensDetails: read.map { PromptTokensDetails(cachedTokens: $0) }
        )
        if let written {
            extra["cache_creation_input_tokens"] = .number(Double(written))
        }
    }
}
