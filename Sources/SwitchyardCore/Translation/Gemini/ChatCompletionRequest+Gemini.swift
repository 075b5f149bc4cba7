extension ChatCompletionRequest {
    /// The OpenAI pivot of a Gemini client's `generateContent` request.
    ///
    /// - `systemInstruction` becomes a leading `system` message; `model` turns become
    ///   `assistant` messages (thought parts → `reasoning_content`, `functionCall` parts →
    ///   `tool_calls`, a signature → `extra_content.google.thought_signature`); each
    ///   `functionResponse` becomes a `tool` message answering the matching call of the
    ///   preceding model turn (by id, else by name); media become `image_url` (images and every
    ///   `fileData` URI, its type in `image_url.format`), `input_audio`, or `file` parts.
    /// - `topK` and `safetySettings` travel in `extra` as `top_k` and `safety_settings` (the
    ///   names LiteLLM uses), so a Gemini provider restores them and other providers' drop lists
    ///   decide; `stream` asks for usage, which every Gemini stream reports.
    /// - What OpenAI cannot express (built-in tools such as `googleSearch`, code-execution parts,
    ///   `cachedContent`, non-text output modalities…) is a 400 naming the field, unless
    ///   `dropUnsupported`, in which case it is left out.
    ///
    /// - Parameter model: the model named in the URL path (`models/{model}:generateContent`).
    public init(
        gemini request: GeminiGenerateContentRequest,
        model: String,
        stream: Bool,
        dropUnsupported: Bool = false
    ) throws {
        let policy = GeminiDropPolicy(dropUnsupported: dropUnsupported)
        var conversation = GeminiInboundConversation(policy: policy)
        var messages: [ChatMessage] = []
        if let instruction = request.systemInstruction, let system = try conversation.systemMessage(instruction) {
            messages.append(system)
        }
        messages += try conversation.messages(from: request.contents)
        self.init(model: model, messages: messages)
        if stream {
            self.stream = true
            streamOptions = StreamOptions(includeUsage: true)
        }
        try applyGeminiTools(request.tools, config: request.toolConfig, policy: policy)
        if let config = request.generationConfig {
            try applyGeminiGenerationConfig(config, policy: policy)
        }
        if let safetySettings = request.safetySettings {
            extra["safety_settings"] = .array(safetySettings)
        }
        for key in ["cachedContent", "cached_content"] where request.extra[key] != nil {
            try policy.unsupported("`cachedContent` has no OpenAI Chat Completions equivalent.", param: key)
        }
    }
}
