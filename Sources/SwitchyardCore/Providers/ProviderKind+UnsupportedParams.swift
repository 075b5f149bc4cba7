extension ProviderKind {
    /// OpenAI request parameters this provider rejects or has no equivalent for.
    ///
    /// `drop_params` removes these before a request goes upstream. The lists are deliberately
    /// short: a parameter is listed only where the provider's own documentation says it is
    /// unsupported, since dropping a parameter a provider does accept silently changes results.
    /// Empty for openai, azure and mock.
    public var unsupportedOpenAIParams: Set<String> {
        switch self {
        case .openai, .azure, .mock:
            []
        case .anthropic:
            // The Messages API has no penalties, logit bias, log probabilities, n or seed.
            ["frequency_penalty", "presence_penalty", "logit_bias", "logprobs", "top_logprobs", "n", "seed"]
        case .gemini:
            // generationConfig covers penalties, seed and candidateCount, but no logit bias.
            ["logit_bias"]
        case .bedrock:
            // Converse's inferenceConfig has only maxTokens, temperature, topP and stopSequences.
            ["frequency_penalty", "presence_penalty", "logit_bias", "logprobs", "top_logprobs", "n", "seed"]
        case .groq:
            // Groq's OpenAI-compatibility page: logprobs, logit_bias and top_logprobs give a 400;
            // n must be 1.
            ["logprobs", "logit_bias", "top_logprobs", "n"]
        case .mistral:
            // Mistral's chat API rejects unknown fields; it has no logit bias or log
            // probabilities and names the seed `random_seed`.
            ["logit_bias", "logprobs", "top_logprobs", "seed", "user"]
        case .deepseek:
            // DeepSeek's chat completion reference lists neither logit_bias nor n.
            ["logit_bias", "n"]
        case .cohere:
            // Cohere's compatibility API lists these among its unsupported parameters.
            ["logit_bias", "n", "top_logprobs", "store", "service_tier", "modalities", "audio"]
        case .ollama:
            // Ollama's OpenAI-compatibility page: tool_choice, logit_bias, user and n are not supported.
            ["tool_choice", "logit_bias", "user", "n"]
        case .openrouter, .togetherAI, .fireworksAI, .xai, .hostedVLLM, .jinaAI, .voyage:
            // These accept the OpenAI parameter set (OpenRouter and vLLM ignore what a model
            // lacks), so nothing is dropped by default.
            []
        }
    }
}
