/// An operation as the gateway asks a provider for it, in the provider's own API.
///
/// Each `ProviderEndpoint` says which of these it serves and where (base URL, path, auth); the
/// same description serves byte pass-through and translated requests.
public enum ProviderOperation: Sendable, Hashable, CustomStringConvertible {
    // OpenAI's API and every server compatible with it.
    case chatCompletions
    case completions
    case embeddings
    case imageGenerations
    case imageEdits
    case imageVariations
    case audioSpeech
    case audioTranscriptions
    case audioTranslations
    case moderations
    /// OpenAI's Responses API (`/responses`).
    case responses
    /// Mistral's OCR API (`/v1/ocr`).
    case ocr
    /// Cohere's rerank API, version 1 or 2 (`/v1/rerank`, `/v2/rerank`); also the rerank
    /// endpoints of Jina, Voyage and vLLM, each in its own shape.
    case rerank(version: Int)
    // Anthropic's Messages API.
    case messages
    case countMessageTokens
    // Gemini's API.
    case generateContent(stream: Bool)
    case countTokens
    case embedContent
    case batchEmbedContents
    /// Imagen's `:predict`.
    case predict
    /// Veo's `:predictLongRunning` (a long-running operation polled by name).
    case predictLongRunning
    /// OpenAI's video jobs (`/videos`): created, polled and downloaded under that path.
    case videos
    /// Music jobs in the shape of OpenAI's video jobs (`/music/generations`); only the mock
    /// serves them.
    case musicGenerations
    // Bedrock's Converse API.
    case converse(stream: Bool)

    /// The path below an OpenAI-style base URL (`/chat/completions`), for OpenAI operations.
    public var openAIPath: String? {
        switch self {
        case .chatCompletions: "/chat/completions"
        case .completions: "/completions"
        case .embeddings: "/embeddings"
        case .imageGenerations: "/images/generations"
        case .imageEdits: "/images/edits"
        case .imageVariations: "/images/variations"
        case .audioSpeech: "/audio/speech"
        case .audioTranscriptions: "/audio/transcriptions"
        case .audioTranslations: "/audio/translations"
        case .moderations: "/moderations"
        case .responses: "/responses"
        case .ocr: "/ocr"
        case .rerank: "/rerank"
        case .videos: "/videos"
        case .musicGenerations: "/music/generations"
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .chatCompletions: "chat/completions"
        case .completions: "completions"
        case .embeddings: "embeddings"
        case .imageGenerations: "images/generations"
        case .imageEdits: "images/edits"
        case .imageVariations: "images/variations"
        case .audioSpeech: "audio/speech"
        case .audioTranscriptions: "audio/transcriptions"
        case .audioTranslations: "audio/translations"
        case .moderations: "moderations"
        case .responses: "responses"
        case .ocr: "ocr"
        case .rerank(let version): "v\(version)/rerank"
        case .predict: "predict"
        case .predictLongRunning: "predictLongRunning"
        case .videos: "videos"
        case .musicGenerations: "music/generations"
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
