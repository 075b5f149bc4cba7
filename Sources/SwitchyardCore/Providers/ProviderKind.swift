/// The providers a deployment's `litellm_params.model` prefix can name.
///
/// The raw value is LiteLLM's prefix (`together_ai/…`), so a LiteLLM config keeps working.
public enum ProviderKind: String, Sendable, CaseIterable {
    case openai, azure, anthropic, gemini, bedrock, openrouter, deepseek, groq, mistral
    case togetherAI = "together_ai"
    case fireworksAI = "fireworks_ai"
    case xai, cohere, ollama
    case hostedVLLM = "hosted_vllm"
    case jinaAI = "jina_ai"
    case voyage
    case mock

    /// The prefix written before the upstream model id, without the slash.
    public var prefix: String { rawValue }

    /// The wire format the provider speaks; every OpenAI-compatible server is `.openAI`.
    public var dialect: APIDialect {
        switch self {
        case .anthropic: .anthropic
        case .gemini: .gemini
        case .bedrock: .bedrock
        case .mock: .mock
        case .openai, .azure, .openrouter, .deepseek, .groq, .mistral, .togetherAI, .fireworksAI,
            .xai, .cohere, .ollama, .hostedVLLM, .jinaAI, .voyage:
            .openAI
        }
    }

    /// The provider's public endpoint, as the config's `api_base` would spell it.
    ///
    /// OpenAI-compatible bases include the version segment, as the OpenAI SDK's `base_url`
    /// does; Anthropic and Gemini bases are the root the gateway appends its own path to.
    /// Nil where the user must give one (azure, hosted_vllm), for bedrock (built from the
    /// region) and for mock.
    public var defaultAPIBase: String? {
        switch self {
        case .openai: "https://api.openai.com/v1"
        case .anthropic: "https://api.anthropic.com"
        case .gemini: "https://generativelanguage.googleapis.com"
        case .openrouter: "https://openrouter.ai/api/v1"
        case .deepseek: "https://api.deepseek.com/v1"
        case .groq: "https://api.groq.com/openai/v1"
        case .mistral: "https://api.mistral.ai/v1"
        case .togetherAI: "https://api.together.xyz/v1"
        case .fireworksAI: "https://api.fireworks.ai/inference/v1"
        case .xai: "https://api.x.ai/v1"
        case .cohere: "https://api.cohere.ai/compatibility/v1"
        case .ollama: "http://localhost:11434/v1"
        case .jinaAI: "https://api.jina.ai/v1"
        case .voyage: "https://api.voyageai.com/v1"
        case .azure, .hostedVLLM, .bedrock, .mock: nil
        }
    }

    /// The environment variable LiteLLM reads the key from when `api_key` is not given.
    ///
    /// Nil for bedrock (AWS credentials come from `aws_*` params or `AWS_ACCESS_KEY_ID`),
    /// ollama and mock.
    public var apiKeyEnvironmentVariable: String? {
        switch self {
        case .openai: "OPENAI_API_KEY"
        case .azure: "AZURE_API_KEY"
        case .anthropic: "ANTHROPIC_API_KEY"
        case .gemini: "GEMINI_API_KEY"
        case .openrouter: "OPENROUTER_API_KEY"
        case .deepseek: "DEEPSEEK_API_KEY"
        case .groq: "GROQ_API_KEY"
        case .mistral: "MISTRAL_API_KEY"
        case .togetherAI: "TOGETHERAI_API_KEY"
        case .fireworksAI: "FIREWORKS_AI_API_KEY"
        case .xai: "XAI_API_KEY"
        case .cohere: "COHERE_API_KEY"
        case .hostedVLLM: "HOSTED_VLLM_API_KEY"
        case .jinaAI: "JINA_AI_API_KEY"
        case .voyage: "VOYAGE_API_KEY"
        case .bedrock, .ollama, .mock: nil
        }
    }

    /// The main environment variable that supplies `api_base` when the config gives none.
    public var apiBaseEnvironmentVariable: String? {
        apiBaseEnvironmentVariables.first
    }

    /// Every environment variable that may supply `api_base`, first match wins.
    ///
    /// OpenAI has two: LiteLLM's `OPENAI_API_BASE` and the OpenAI SDK's `OPENAI_BASE_URL`.
    public var apiBaseEnvironmentVariables: [String] {
        switch self {
        case .openai: ["OPENAI_API_BASE", "OPENAI_BASE_URL"]
        case .azure: ["AZURE_API_BASE"]
        case .hostedVLLM: ["HOSTED_VLLM_API_BASE"]
        case .ollama: ["OLLAMA_API_BASE"]
        default: []
        }
    }

    /// Whether a request without an API key is pointless (the config loader warns).
    ///
    /// False for local servers (ollama, hosted_vllm), mock, and bedrock, whose AWS
    /// credentials are checked separately.
    public var requiresAPIKey: Bool {
        switch self {
        case .ollama, .hostedVLLM, .mock, .bedrock: false
        default: true
        }
    }

    /// Prefixes LiteLLM also accepts for one of these providers.
    static let prefixAliases: [String: ProviderKind] = ["ollama_chat": .ollama]

    /// Splits a LiteLLM model string into its provider and upstream model id.
    ///
    /// `"openai/gpt-4o"` gives `(.openai, "gpt-4o")`; the id may itself contain slashes
    /// (`"openrouter/anthropic/claude-3"` gives `(.openrouter, "anthropic/claude-3")`).
    /// A string without a slash is an OpenAI model id, as in LiteLLM. LiteLLM's
    /// `ollama_chat/` prefix means `.ollama`. Nil when the prefix names no known provider.
    public static func parse(litellmModel: String) -> (ProviderKind, String)? {
        guard let slash = litellmModel.firstIndex(of: "/") else {
            return (.openai, litellmModel)
        }
        let prefix = String(litellmModel[..<slash])
        let rest = String(litellmModel[litellmModel.index(after: slash)...])
        if let kind = ProviderKind(rawValue: prefix) ?? prefixAliases[prefix] {
            return (kind, rest)
        }
        return nil
    }
}
