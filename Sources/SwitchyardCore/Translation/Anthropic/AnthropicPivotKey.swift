/// Members the Anthropic translators add to `extra` bags of the OpenAI pivot types.
///
/// They keep what OpenAI's Chat Completions cannot say (signed thinking, cache breakpoints,
/// `top_k`, the original `thinking` config) so an Anthropic → pivot → Anthropic trip loses
/// nothing. A real OpenAI upstream rejects unknown members: strip them with
/// `ChatCompletionRequest.removingAnthropicExtensions()` before sending the pivot there.
public enum AnthropicPivotKey {
    /// On an assistant message (and a stream delta): the original `thinking` /
    /// `redacted_thinking` blocks with their signatures, as LiteLLM does.
    public static let thinkingBlocks = "thinking_blocks"
    /// On content parts, messages, tool calls and tools: Anthropic's cache breakpoint.
    public static let cacheControl = "cache_control"
    /// On a `tool` message: the tool result's `is_error`.
    public static let isError = "is_error"
    /// On the request: Anthropic's `top_k` sampling option.
    public static let topK = "top_k"
    /// On the request: the client's `thinking` config, verbatim.
    public static let thinking = "thinking"
    /// On `usage`: tokens written to the prompt cache (`cache_creation_input_tokens`).
    public static let cacheCreationInputTokens = "cache_creation_input_tokens"
}

extension [String: JSONValue] {
    /// Only the `cache_control` member: the one extension both dialects carry on parts and blocks.
    var cacheControlOnly: [String: JSONValue] {
        guard let cacheControl = self[AnthropicPivotKey.cacheControl] else { return [:] }
        return [AnthropicPivotKey.cacheControl: cacheControl]
    }
}
