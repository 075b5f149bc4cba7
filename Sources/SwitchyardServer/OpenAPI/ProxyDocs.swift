/// Summaries and the key members of each proxied operation's request and answer, for
/// `/openapi.json`. Loose on purpose: the providers' own references are the full shapes, and
/// the gateway passes members it does not know through.
struct ProxyDocs: Sendable {
    var summary: String
    var about: String?
    var fields: [(String, APISchema)] = []
    var answer: APISchema = .anyObject

    static let all: [String: ProxyDocs] = [
        "chat/completions": ProxyDocs(
            summary: "Create a chat completion",
            about: "OpenAI's chat completions, on any provider: tools, JSON mode, vision, `stream_options.include_usage`.",
            fields: [
                ("messages", .array(.object([("role", .string), ("content", .anyValue)], required: ["role"]))),
                ("tools", .array(.anyObject)), ("max_tokens", .integer), ("temperature", .number), ("response_format", .anyObject),
            ],
            answer: object("chat.completion", [("choices", .array(.anyObject)), ("usage", .anyObject)])
        ),
        "completions": ProxyDocs(summary: "Create a text completion (legacy)", fields: [("prompt", .anyValue), ("max_tokens", .integer)],
                                 answer: object("text_completion", [("choices", .array(.anyObject)), ("usage", .anyObject)])),
        "responses": ProxyDocs(
            summary: "Create a response (Responses API)",
            about: "On every provider; `store` keeps it for `previous_response_id` and the routes below.",
            fields: [("input", .anyValue), ("instructions", .string), ("previous_response_id", .string), ("store", .boolean), ("tools", .array(.anyObject))],
            answer: .ref("Response")
        ),
        "embeddings": ProxyDocs(summary: "Create embeddings", fields: [("input", .anyValue), ("encoding_format", APISchema.string.adding("enum", ["float", "base64"]))],
                                answer: .object([("object", .string), ("data", .array(.anyObject)), ("model", .string), ("usage", .anyObject)])),
        "images/generations": ProxyDocs(summary: "Generate images", fields: [("prompt", .string), ("n", .integer), ("size", .string), ("response_format", imageFormat)], answer: images),
        "images/edits": ProxyDocs(summary: "Edit an image", answer: images),
        "images/variations": ProxyDocs(summary: "Make variations of an image", answer: images),
        "audio/speech": ProxyDocs(summary: "Turn text into speech", fields: [("input", .string), ("voice", .string), ("response_format", .string)]),
        "audio/transcriptions": ProxyDocs(summary: "Transcribe audio", fields: [("response_format", transcriptFormat), ("filename", .string)],
                                          answer: .object([("text", .string)], required: ["text"])),
        "audio/translations": ProxyDocs(summary: "Translate audio into English text", fields: [("response_format", transcriptFormat), ("filename", .string)],
                                        answer: .object([("text", .string)], required: ["text"])),
        "moderations": ProxyDocs(summary: "Classify text for moderation", fields: [("input", .anyValue)],
                                 answer: .object([("id", .string), ("model", .string), ("results", .array(.anyObject))])),
        "rerank": ProxyDocs(summary: "Rerank documents (Cohere v1 shape)", fields: [("query", .string), ("documents", .array(.anyValue)), ("top_n", .integer)], answer: rerank),
        "v2/rerank": ProxyDocs(summary: "Rerank documents (Cohere v2 shape)", fields: [("query", .string), ("documents", .array(.anyValue)), ("top_n", .integer)], answer: rerank),
        "ocr": ProxyDocs(summary: "Read a document's text (Mistral OCR shape)", fields: [("document", .anyObject)],
                         answer: .object([("pages", .array(.anyObject)), ("model", .string), ("usage_info", .anyObject)])),
        "utils/token_counter": ProxyDocs(summary: "Count a request's tokens (LiteLLM)", fields: [("messages", .array(.anyObject)), ("prompt", .string)],
                                         answer: .object([("total_tokens", .integer), ("model_used", .string), ("tokenizer_type", .string)], required: ["total_tokens"])),
        "messages": ProxyDocs(
            summary: "Create a message (Anthropic Messages)",
            about: "Anthropic's Messages API, on any provider: tools, images, system prompts, stop sequences.",
            fields: [("messages", .array(.object([("role", .string), ("content", .anyValue)], required: ["role", "content"]))), ("max_tokens", .integer), ("system", .anyValue), ("tools", .array(.anyObject))],
            answer: .object([("id", .string), ("type", .string), ("role", .string), ("content", .array(.anyObject)), ("stop_reason", APISchema.string.nullable), ("usage", .anyObject)])
        ),
        "messages/count_tokens": ProxyDocs(summary: "Count a message's tokens (Anthropic)", answer: .object([("input_tokens", .integer)], required: ["input_tokens"])),
        "generateContent": ProxyDocs(summary: "Generate content (Gemini)", fields: gemini, answer: geminiAnswer),
        "streamGenerateContent": ProxyDocs(summary: "Generate content as a stream (Gemini)", fields: gemini, answer: geminiAnswer),
        "countTokens": ProxyDocs(summary: "Count tokens (Gemini)", fields: [("contents", .array(.anyObject))], answer: .object([("totalTokens", .integer)])),
        "embedContent": ProxyDocs(summary: "Embed content (Gemini)", fields: [("content", .anyObject)], answer: .object([("embedding", .object([("values", .array(.number))]))])),
        "batchEmbedContents": ProxyDocs(summary: "Embed several contents (Gemini)", fields: [("requests", .array(.anyObject))],
                                        answer: .object([("embeddings", .array(.object([("values", .array(.number))])))])),
    ]

    private static func object(_ kind: String, _ members: [(String, APISchema)]) -> APISchema {
        .object([("id", .string), ("object", APISchema.string.adding("const", .string(kind))), ("created", .integer), ("model", .string)] + members)
    }

    private static let images = APISchema.object([("created", .integer), ("data", .array(.object([("url", .string), ("b64_json", .string), ("revised_prompt", .string)])))])
    private static let imageFormat = APISchema.string.adding("enum", ["url", "b64_json"])
    private static let transcriptFormat = APISchema.string.adding("enum", ["json", "text", "srt", "vtt", "verbose_json"])
    private static let rerank = APISchema.object([("id", .string), ("results", .array(.object([("index", .integer), ("relevance_score", .number)]))), ("meta", .anyObject)])
    private static let gemini: [(String, APISchema)] = [
        ("contents", .array(.object([("role", .string), ("parts", .array(.anyObject))]))), ("systemInstruction", .anyObject),
        ("tools", .array(.anyObject)), ("generationConfig", .anyObject),
    ]
    private static let geminiAnswer = APISchema.object([("candidates", .array(.anyObject)), ("usageMetadata", .anyObject), ("modelVersion", .string)])
}
