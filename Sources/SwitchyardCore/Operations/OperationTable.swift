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
    public static let embeddings = GatewayOperation(
        name: "embeddings", surface: .openAI, paths: ["embeddings"],
        body: .json(required: ["input"]), target: .bodyField("model"),
        streaming: .never, meter: .tokens, capability: .embeddings, upstream: .embeddings
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

    public static let all: [GatewayOperation] = [
        chatCompletions, completions, embeddings,
        messages, countMessageTokens,
        generateContent, streamGenerateContent, countTokens, embedContent, batchEmbedContents,
    ]
}
