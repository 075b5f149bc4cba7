/// Every operation the gateway proxies, one row each. The server registers each row on its
/// surface's prefixes and runs it through `OperationPipeline`.
public enum OperationTable {
    // MARK: OpenAI

    public static let chatCompletions = GatewayOperation(
        name: "chat/completions", surface: .openAI, paths: ["chat/completions", "engines/{engine}/chat/completions"],
        body: .json(required: ["messages"], nonEmptyArrays: ["messages"]), target: .bodyField("model"),
        streaming: .bodyFlag("stream"), meter: .tokens, capability: .chat, upstream: .chatCompletions
    )
    public static let completions = GatewayOperation(
        name: "completions", surface: .openAI, paths: ["completions"],
        body: .json(required: ["prompt"]), target: .bodyField("model"),
        streaming: .bodyFlag("stream"), meter: .tokens, capability: .completions, upstream: .completions
    )
    /// OpenAI's Responses API. `input` may be absent when `previous_response_id` carries on a
    /// conversation, so no member but the model is required.
    public static let responses = GatewayOperation(
        name: "responses", surface: .openAI, paths: ["responses"],
        body: .json(required: []), target: .bodyField("model"),
        streaming: .bodyFlag("stream"), meter: .tokens, capability: .responses, upstream: .responses
    )
    public static let embeddings = GatewayOperation(
        name: "embeddings", surface: .openAI, paths: ["embeddings"],
        body: .json(required: ["input"]), target: .bodyField("model"),
        streaming: .never, meter: .tokens, capability: .embeddings, upstream: .embeddings
    )

    // MARK: OpenAI media and utilities

    public static let imageGenerations = GatewayOperation(
        name: "images/generations", surface: .openAI, paths: ["images/generations"],
        body: .json(required: ["prompt"]), target: .bodyField("model"),
        streaming: .never, meter: .units, capability: .imageGeneration, upstream: .imageGenerations
    )
    public static let imageEdits = GatewayOperation(
        name: "images/edits", surface: .openAI, paths: ["images/edits"],
        body: .form(required: ["image", "prompt"], jsonRequired: ["prompt"]), target: .bodyField("model"),
        streaming: .never, meter: .units, capability: .imageEdit, upstream: .imageEdits
    )
    public static let imageVariations = GatewayOperation(
        name: "images/variations", surface: .openAI, paths: ["images/variations"],
        body: .form(required: ["image"], jsonRequired: nil), target: .bodyField("model"),
        streaming: .never, meter: .units, capability: .imageVariation, upstream: .imageVariations
    )
    public static let speech = GatewayOperation(
        name: "audio/speech", surface: .openAI, paths: ["audio/speech"],
        body: .json(required: ["input", "voice"]), target: .bodyField("model"),
        streaming: .never, answer: .audio, meter: .units, capability: .speech, upstream: .audioSpeech
    )
    public static let transcriptions = GatewayOperation(
        name: "audio/transcriptions", surface: .openAI, paths: ["audio/transcriptions"],
        body: .form(required: ["file"], jsonRequired: ["file"]), target: .bodyField("model"),
        streaming: .never, answer: .transcript, meter: .units, capability: .transcription, upstream: .audioTranscriptions
    )
    public static let translations = GatewayOperation(
        name: "audio/translations", surface: .openAI, paths: ["audio/translations"],
        body: .form(required: ["file"], jsonRequired: ["file"]), target: .bodyField("model"),
        streaming: .never, answer: .transcript, meter: .units, capability: .translation, upstream: .audioTranslations
    )
    public static let moderations = GatewayOperation(
        name: "moderations", surface: .openAI, paths: ["moderations"],
        body: .json(required: ["input"]), target: .bodyField("model"), defaultModel: "omni-moderation-latest",
        streaming: .never, meter: .units, capability: .moderation, upstream: .moderations
    )
    /// Cohere's rerank, version 1 (`/v1/rerank`) and version 2 (`/v2/rerank`, where the
    /// Cohere SDK's `ClientV2` posts).
    public static let rerank = GatewayOperation(
        name: "rerank", surface: .openAI, paths: ["rerank"],
        body: .json(required: ["query", "documents"], nonEmptyArrays: ["documents"]), target: .bodyField("model"),
        streaming: .never, meter: .units, capability: .rerank, upstream: .rerank(version: 1)
    )
    public static let rerankV2 = GatewayOperation(
        name: "v2/rerank", surface: .openAI, paths: ["v2/rerank"],
        body: .json(required: ["query", "documents"], nonEmptyArrays: ["documents"]), target: .bodyField("model"),
        streaming: .never, meter: .units, capability: .rerank, upstream: .rerank(version: 2)
    )
    public static let ocr = GatewayOperation(
        name: "ocr", surface: .openAI, paths: ["ocr"],
        body: .json(required: ["document"]), target: .bodyField("model"),
        streaming: .never, meter: .units, capability: .ocr, upstream: .ocr
    )
    /// LiteLLM's token counter; no provider takes it as it is (`countTokens` is only a
    /// placeholder no OpenAI-dialect server serves).
    public static let tokenCounter = GatewayOperation(
        name: "utils/token_counter", surface: .openAI, paths: ["utils/token_counter"],
        body: .json(required: []), target: .bodyField("model"),
        streaming: .never, meter: .free, capability: .tokenCounter, upstream: .countTokens
    )

    // MARK: Asynchronous jobs

    /// OpenAI's video API (`POST /v1/videos`, multipart as the SDK sends it, or JSON), and the
    /// `videos/generations` path other gateways use. The answer is the queued job; the
    /// gateway polls the provider and stores the content.
    public static let videos = GatewayOperation(
        name: "videos", surface: .openAI, paths: ["videos", "videos/generations"],
        body: .form(required: ["prompt"], jsonRequired: ["prompt"]), target: .bodyField("model"), defaultModel: "sora-2",
        streaming: .never, answer: .job, meter: .units, capability: .videoGeneration, upstream: .videos
    )
    /// `POST /v1/videos/{id}/remix`: routed to the model group of the stored video it names
    /// (the path model), so the route that serves it passes that in.
    public static let videoRemix = GatewayOperation(
        name: "videos/remix", surface: .openAI, paths: ["videos/{id}/remix"],
        body: .json(required: ["prompt"]), target: .pathModel,
        streaming: .never, answer: .job, meter: .units, capability: .videoRemix, upstream: .videos
    )
    /// Music tracks, in the shape of the video API (`music_…` jobs); the mock serves them.
    public static let musicGenerations = GatewayOperation(
        name: "music/generations", surface: .openAI, paths: ["music/generations"],
        body: .json(required: ["prompt"]), target: .bodyField("model"),
        streaming: .never, answer: .job, meter: .units, capability: .musicGeneration, upstream: .musicGenerations
    )

    // MARK: Anthropic

    public static let messages = GatewayOperation(
        name: "messages", surface: .anthropic, paths: ["messages"],
        body: .json(required: ["messages", "max_tokens"], nonEmptyArrays: ["messages"]), target: .bodyField("model"),
        streaming: .bodyFlag("stream"), meter: .tokens, capability: .chat, upstream: .messages
    )
    public static let countMessageTokens = GatewayOperation(
        name: "messages/count_tokens", surface: .anthropic, paths: ["messages/count_tokens"],
        body: .json(required: ["messages"], nonEmptyArrays: ["messages"]), target: .bodyField("model"),
        streaming: .never, meter: .free, capability: .tokenCounting, upstream: .countMessageTokens
    )

    // MARK: Gemini

    public static let generateContent = GatewayOperation(
        name: "generateContent", surface: .gemini, paths: ["models/{model}:generateContent"],
        body: .json(required: ["contents"], nonEmptyArrays: ["contents"]), target: .pathModel,
        streaming: .never, meter: .tokens, capability: .chat, upstream: .generateContent(stream: false)
    )
    public static let streamGenerateContent = GatewayOperation(
        name: "streamGenerateContent", surface: .gemini, paths: ["models/{model}:streamGenerateContent"],
        body: .json(required: ["contents"], nonEmptyArrays: ["contents"]), target: .pathModel,
        streaming: .always, meter: .tokens, capability: .chat, upstream: .generateContent(stream: true)
    )
    public static let countTokens = GatewayOperation(
        name: "countTokens", surface: .gemini, paths: ["models/{model}:countTokens"],
        body: .json(required: []), target: .pathModel,
        streaming: .never, meter: .free, capability: .tokenCounting, upstream: .countTokens
    )
    public static let embedContent = GatewayOperation(
        name: "embedContent", surface: .gemini, paths: ["models/{model}:embedContent"],
        body: .json(required: ["content"]), target: .pathModel,
        streaming: .never, meter: .tokens, capability: .embeddings, upstream: .embedContent
    )
    public static let batchEmbedContents = GatewayOperation(
        name: "batchEmbedContents", surface: .gemini, paths: ["models/{model}:batchEmbedContents"],
        body: .json(required: ["requests"], nonEmptyArrays: ["requests"]), target: .pathModel,
        streaming: .never, meter: .tokens, capability: .embeddings, upstream: .batchEmbedContents
    )

    /// Every row registered from its paths; `videoRemix` is registered by the video routes,
    /// which resolve the stored video first.
    public static let all: [GatewayOperation] = [
        chatCompletions, completions, responses, embeddings,
        imageGenerations, imageEdits, imageVariations, speech, transcriptions, translations, moderations, rerank, rerankV2, ocr, tokenCounter,
        videos, musicGenerations,
        messages, countMessageTokens,
        generateContent, streamGenerateContent, countTokens, embedContent, batchEmbedContents,
    ]
}
