extension EmbeddingRequest {
    /// The OpenAI pivot of a Gemini client's `embedContent` request: the content's text parts,
    /// joined with line breaks, as one input.
    ///
    /// `outputDimensionality` → `dimensions`; `taskType` and `title` travel in `extra` as
    /// `task_type` and `title` so a Gemini provider restores them. Non-text parts are a 400
    /// unless `dropUnsupported`.
    public init(geminiEmbed request: GeminiEmbedContentRequest, model: String, dropUnsupported: Bool = false) throws {
        let policy = GeminiDropPolicy(dropUnsupported: dropUnsupported)
        let text = try Self.text(of: request.content, param: "content", policy: policy)
        self.init(model: model, input: .string(text), dimensions: request.outputDimensionality)
        if let taskType = request.taskType { extra["task_type"] = .string(taskType) }
        if let title = request.title { extra["title"] = .string(title) }
    }

    /// The OpenAI pivot of a Gemini client's `batchEmbedContents` request: one input per
    /// request, in order.
    ///
    /// OpenAI takes one `dimensions` and the gateway one task type and title for the whole
    /// batch, so requests that disagree on them are a 400 naming the first that differs.
    public init(geminiBatch request: GeminiBatchEmbedContentsRequest, model: String, dropUnsupported: Bool = false) throws {
        let policy = GeminiDropPolicy(dropUnsupported: dropUnsupported)
        var texts: [String] = []
        for (index, entry) in request.requests.enumerated() {
            let param = "requests[\(index)]"
            texts.append(try Self.text(of: entry.content, param: "\(param).content", policy: policy))
            if let first = request.requests.first, index > 0 {
                let same = entry.outputDimensionality == first.outputDimensionality && entry.taskType == first.taskType
                    && entry.title == first.title
                if !same {
                    throw GatewayError.invalidRequest(
                        "Every request of a batch must have the same outputDimensionality, taskType and title here.",
                        param: param
                    )
                }
            }
        }
        let first = request.requests.first
        self.init(model: model, input: .strings(texts), dimensions: first?.outputDimensionality)
        if let taskType = first?.taskType { extra["task_type"] = .string(taskType) }
        if let title = first?.title { extra["title"] = .string(title) }
    }

    private static func text(of content: GeminiContent, param: String, policy: GeminiDropPolicy) throws -> String {
        var texts: [String] = []
        for (index, part) in content.parts.enumerated() {
            if let text = part.text {
                texts.append(text)
            } else {
                try policy.unsupported("Only text can be embedded here.", param: "\(param).parts[\(index)]")
            }
        }
        return texts.joined(separator: "\n")
    }
}
