import SwitchyardCore

/// OpenTelemetry's GenAI semantic conventions (`gen_ai.*`), as the gateway's spans use them.
enum GenAIConventions {
    /// `gen_ai.operation.name`: the convention's name where one fits the operation (`chat`,
    /// `text_completion`, `embeddings`, `generate_content`), else the gateway's own route name.
    static func operationName(_ operation: GatewayOperation) -> String {
        switch operation.capability {
        case .chat, .responses: "chat"
        case .completions: "text_completion"
        case .embeddings: "embeddings"
        case .imageGeneration, .imageEdit, .imageVariation, .speech, .videoGeneration, .videoRemix, .musicGeneration: "generate_content"
        default: operation.name
        }
    }

    /// `gen_ai.provider.name`: the convention's well-known value for the provider, else the
    /// provider prefix of the config (`hosted_vllm`, `ollama`…).
    static func providerName(_ provider: ProviderKind) -> String {
        switch provider {
        case .openai: "openai"
        case .azure: "azure.ai.openai"
        case .anthropic: "anthropic"
        case .gemini: "gcp.gemini"
        case .bedrock: "aws.bedrock"
        case .deepseek: "deepseek"
        case .groq: "groq"
        case .mistral: "mistral_ai"
        case .xai: "x_ai"
        case .cohere: "cohere"
        default: provider.rawValue
        }
    }
}
