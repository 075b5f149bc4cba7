extension Usage {
    /// OpenAI usage for Anthropic's: the prompt counts every input token (uncached, cache
    /// writes and cache reads), `cached_tokens` the cache reads, and the cache writes stay in
    /// `extra["cache_creation_input_tokens"]`.
    public init(anthropic usage: AnthropicUsage) {
        self.init(
            promptTokens: usage.totalInputTokens,
            completionTokens: usage.outputTokens,
            promptTokensDetails: usage.cacheReadInputTokens.map { PromptTokensDetails(cachedTokens: $0) }
        )
        if let written = usage.cacheCreationInputTokens {
            extra[AnthropicPivotKey.cacheCreationInputTokens] = .number(Double(written))
        }
    }
}

extension AnthropicUsage {
    /// Anthropic usage for OpenAI's: `input_tokens` is the prompt less its cache reads and
    /// writes, which go to their own counts.
    public init(openAI usage: Usage) {
        let read = usage.promptTokensDetails?.cachedTokens
        let written = usage.extra[AnthropicPivotKey.cacheCreationInputTokens]?.intValue
        self.init(
            inputTokens: max(0, usage.promptTokens - (read ?? 0) - (written ?? 0)),
            outputTokens: usage.completionTokens,
            cacheCreationInputTokens: written,
            cacheReadInputTokens: read
        )
    }
}
