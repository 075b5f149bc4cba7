extension GeminiGenerateContentResponse {
    /// The Gemini form of an OpenAI chat completion, for a Gemini client.
    ///
    /// One candidate per choice: `reasoning_content` → a thought part, `content` → a text part
    /// (with the message's signature), `tool_calls` → `functionCall` parts keeping their ids and
    /// signatures. A call whose arguments are not a JSON object is dropped and the candidate
    /// finishes `MALFORMED_FUNCTION_CALL`, which is how Gemini reports such calls.
    /// `modelVersion` is the response's model and `responseId` its id.
    public init(openAI response: ChatCompletionResponse) {
        let candidates = response.choices.map { choice in
            GeminiCandidateBuilder.candidate(
                message: choice.message,
                index: choice.index,
                finishReason: choice.finishReason
            )
        }
        self.init(
            candidates: candidates,
            usageMetadata: response.usage.map(GeminiUsageMetadata.init(openAI:)),
            modelVersion: response.model,
            responseId: response.id
        )
    }
}
