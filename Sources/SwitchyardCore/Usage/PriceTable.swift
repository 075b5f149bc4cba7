/// Built-in prices (USD per token) for common models, used when a deployment's `model_info`
/// sets none. `model_info` always wins.
///
/// Prices are the providers' published list prices for standard (not batch, not long-context)
/// use; a model not listed here has no cost unless the config gives one.
public enum PriceTable {
    struct Price {
        var input: Double
        var output: Double
        var cacheRead: Double?
        var cacheWrite: Double?
    }

    private static let prices: [String: Price] = [
        // OpenAI
        "gpt-4o": Price(input: 2.5e-6, output: 1e-5, cacheRead: 1.25e-6),
        "gpt-4o-mini": Price(input: 1.5e-7, output: 6e-7, cacheRead: 7.5e-8),
        "gpt-4.1": Price(input: 2e-6, output: 8e-6, cacheRead: 5e-7),
        "gpt-4.1-mini": Price(input: 4e-7, output: 1.6e-6, cacheRead: 1e-7),
        "gpt-4.1-nano": Price(input: 1e-7, output: 4e-7, cacheRead: 2.5e-8),
        "gpt-5": Price(input: 1.25e-6, output: 1e-5, cacheRead: 1.25e-7),
        "gpt-5-mini": Price(input: 2.5e-7, output: 2e-6, cacheRead: 2.5e-8),
        "gpt-5-nano": Price(input: 5e-8, output: 4e-7, cacheRead: 5e-9),
        "gpt-4-turbo": Price(input: 1e-5, output: 3e-5),
        "gpt-3.5-turbo": Price(input: 5e-7, output: 1.5e-6),
        "o1": Price(input: 1.5e-5, output: 6e-5, cacheRead: 7.5e-6),
        "o3": Price(input: 2e-6, output: 8e-6, cacheRead: 5e-7),
        "o3-mini": Price(input: 1.1e-6, output: 4.4e-6, cacheRead: 5.5e-7),
        "o4-mini": Price(input: 1.1e-6, output: 4.4e-6, cacheRead: 2.75e-7),
        "text-embedding-3-small": Price(input: 2e-8, output: 0),
        "text-embedding-3-large": Price(input: 1.3e-7, output: 0),
        "text-embedding-ada-002": Price(input: 1e-7, output: 0),
        // Anthropic
        "claude-opus-4-1": Price(input: 1.5e-5, output: 7.5e-5, cacheRead: 1.5e-6, cacheWrite: 1.875e-5),
        "claude-opus-4": Price(input: 1.5e-5, output: 7.5e-5, cacheRead: 1.5e-6, cacheWrite: 1.875e-5),
        "claude-sonnet-4-5": Price(input: 3e-6, output: 1.5e-5, cacheRead: 3e-7, cacheWrite: 3.75e-6),
        "claude-sonnet-4": Price(input: 3e-6, output: 1.5e-5, cacheRead: 3e-7, cacheWrite: 3.75e-6),
        "claude-3-7-sonnet": Price(input: 3e-6, output: 1.5e-5, cacheRead: 3e-7, cacheWrite: 3.75e-6),
        "claude-3-5-sonnet": Price(input: 3e-6, output: 1.5e-5, cacheRead: 3e-7, cacheWrite: 3.75e-6),
        "claude-haiku-4-5": Price(input: 1e-6, output: 5e-6, cacheRead: 1e-7, cacheWrite: 1.25e-6),
        "claude-3-5-haiku": Price(input: 8e-7, output: 4e-6, cacheRead: 8e-8, cacheWrite: 1e-6),
        "claude-3-haiku": Price(input: 2.5e-7, output: 1.25e-6, cacheRead: 3e-8, cacheWrite: 3e-7),
        // Google
        "gemini-2.5-pro": Price(input: 1.25e-6, output: 1e-5, cacheRead: 3.125e-7),
        "gemini-2.5-flash": Price(input: 3e-7, output: 2.5e-6, cacheRead: 7.5e-8),
        "gemini-2.5-flash-lite": Price(input: 1e-7, output: 4e-7, cacheRead: 2.5e-8),
        "gemini-2.0-flash": Price(input: 1e-7, output: 4e-7, cacheRead: 2.5e-8),
        "gemini-2.0-flash-lite": Price(input: 7.5e-8, output: 3e-7),
        // Others
        "deepseek-chat": Price(input: 2.7e-7, output: 1.1e-6, cacheRead: 7e-8),
        "deepseek-reasoner": Price(input: 5.5e-7, output: 2.19e-6, cacheRead: 1.4e-7),
        "mistral-large-latest": Price(input: 2e-6, output: 6e-6),
        "mistral-small-latest": Price(input: 1e-7, output: 3e-7),
        "grok-3": Price(input: 3e-6, output: 1.5e-5),
        "grok-3-mini": Price(input: 3e-7, output: 5e-7),
        "llama-3.3-70b-versatile": Price(input: 5.9e-7, output: 7.9e-7),
        // Token-billed media models (their per-unit prices are in `unitPrices`)
        "gpt-image-1": Price(input: 5e-6, output: 4e-5),
        "gpt-image-1-mini": Price(input: 2e-6, output: 8e-6),
        "gpt-4o-transcribe": Price(input: 6e-6, output: 1e-5),
        "gpt-4o-mini-transcribe": Price(input: 3e-6, output: 5e-6),
        "gemini-2.5-flash-image": Price(input: 3e-7, output: 2.5e-6),
        "gemini-2.5-flash-image-preview": Price(input: 3e-7, output: 2.5e-6),
        "gemini-2.5-flash-preview-tts": Price(input: 5e-7, output: 1e-5),
        "gemini-2.5-pro-preview-tts": Price(input: 1e-6, output: 2e-5),
        "rerank-2": Price(input: 5e-8, output: 0),
        "rerank-2-lite": Price(input: 2e-8, output: 0),
    ]

    /// The listed price for `model` as `model_info` costs, or nil. Dated and versioned ids
    /// (`gpt-4o-2024-08-06`, `anthropic.claude-3-5-haiku-20241022-v1:0`) match their family.
    public static func modelInfo(for model: String) -> ModelInfo? {
        let name = listedName(model)
        let price = lookup(name, in: prices)
        let units = lookup(name, in: unitPrices)
        guard price != nil || units != nil else { return nil }
        return ModelInfo(
            inputCostPerToken: price?.input,
            outputCostPerToken: price?.output,
            cacheReadInputTokenCost: price?.cacheRead,
            cacheCreationInputTokenCost: price?.cacheWrite,
            unitPrices: units ?? UnitPrices()
        )
    }

    static func price(for model: String) -> Price? {
        lookup(listedName(model), in: prices)
    }

    /// The id as the table lists it: lowercased, without a provider prefix or a Bedrock
    /// vendor (`us.anthropic.claude-…`).
    private static func listedName(_ model: String) -> String {
        var name = model.lowercased()
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        for vendor in ["anthropic.", "amazon.", "meta.", "mistral."] {
            if let range = name.range(of: vendor) { name = String(name[range.upperBound...]) }
        }
        return name
    }

    /// The entry for `name`, or for the longest listed family it is a dated or versioned
    /// member of.
    private static func lookup<Entry>(_ name: String, in table: [String: Entry]) -> Entry? {
        if let exact = table[name] { return exact }
        let family = table.keys.filter { name.hasPrefix($0 + "-") || name.hasPrefix($0 + "@") }.max { $0.count < $1.count }
        return family.flatMap { table[$0] }
    }
}
