extension GeminiBatchEmbedContentsRequest {
    /// The Gemini `batchEmbedContents` body for an OpenAI embeddings request, for a Gemini
    /// provider: one request per input string.
    ///
    /// `dimensions` → `outputDimensionality`; `extra["task_type"]` and `extra["title"]` →
    /// `taskType` and `title`. Token-id inputs cannot be embedded by Gemini: a 400 on `input`.
    /// `encoding_format` is applied to the answer by `EmbeddingResponse(geminiBatch:…)`.
    ///
    /// - Parameter model: the upstream model id, with or without the `models/` prefix.
    public init(openAI request: EmbeddingRequest, model: String) throws {
        let texts: [String]
        switch request.input {
        case .string(let text): texts = [text]
        case .strings(let items): texts = items
        case .tokens, .tokenArrays:
            throw GatewayError.invalidRequest("Gemini embeds text only, not token ids.", param: "input")
        }
        let name = model.hasPrefix("models/") ? model : "models/\(model)"
        let requests = texts.map { text in
            GeminiEmbedContentRequest(
                model: name,
                content: GeminiContent(parts: [GeminiPart(text: text)]),
                taskType: request.extra["task_type"]?.stringValue,
                title: request.extra["title"]?.stringValue,
                outputDimensionality: request.dimensions
            )
        }
        self.init(requests: requests)
    }
}
