/// An operation as the gateway asks a provider for it, in the provider's own API.
///
/// Each `ProviderEndpoint` says which of these it serves and where (base URL, path, auth); the
/// same description serves byte pass-through and translated requests.
public enum ProviderOperation: Sendable, Hashable, CustomStringConvertible {
    // OpenAI's API and every server compatible with it.
    case chatCompletions
    case completions
    case embeddings
    // Anthropic's Messages API.
    case messages
    case countMessageTokens
    // Gemini's API.
    case generateContent(stream: Bool)
    case countTokens
    case embedContent
    case batchEmbedContents
    // Bedrock's Converse API.
    case converse(stream: Bool)

    /// The path below an OpenAI-style base URL (`/chat/completions`), for OpenAI operations.
    public var openAIPath: String? {
        switch self {
        case .chatCompletions: "/chat/completions"
        case .completions: "/completions"
        case .embeddings: "/embeddings"
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .chatCompletions: "chat/completions"
        case .completions: "completions"
        case .embeddings: "embeddings"
        case .messages: "messages"
        case .countMessageTokens: "messages/count_tokens"
        case .generateContent(let stream): stream ? "streamGenerateContent" : "generateContent"
        case .countTokens: "countTokens"
        case .embedContent: "embedContent"
        case .batchEmbedContents: "batchEmbedContents"
        case .converse(let stream): stream ? "converse-stream" : "converse"
        }
    }
}
