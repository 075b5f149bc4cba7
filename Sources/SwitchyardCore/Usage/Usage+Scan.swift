extension Usage {
    /// The counts of an OpenAI `usage` object read in place with the scanner, for accounting
    /// on the pass-through path (a full `JSONDecoder` pass cost more than the rest of the
    /// request's bookkeeping). Only the counts are read; unknown members are not kept.
    public init?(scanning object: UnsafeRawBufferPointer) {
        guard let index = try? JSONScanner.indexObject(object) else { return nil }
        // The Responses API names the same counts `input_tokens` and `output_tokens`.
        let prompt = index.int("prompt_tokens", in: object) ?? index.int("input_tokens", in: object) ?? 0
        let completion = index.int("completion_tokens", in: object) ?? index.int("output_tokens", in: object) ?? 0
        self.init(promptTokens: prompt, completionTokens: completion, totalTokens: index.int("total_tokens", in: object))
        if let details = index.object("prompt_tokens_details", in: object) ?? index.object("input_tokens_details", in: object) {
            promptTokensDetails = PromptTokensDetails(
                cachedTokens: details.index.int("cached_tokens", in: details.bytes),
                audioTokens: details.index.int("audio_tokens", in: details.bytes)
            )
        }
        if let details = index.object("completion_tokens_details", in: object) ?? index.object("output_tokens_details", in: object) {
            completionTokensDetails = CompletionTokensDetails(
                reasoningTokens: details.index.int("reasoning_tokens", in: details.bytes),
                audioTokens: details.index.int("audio_tokens", in: details.bytes)
            )
        }
    }

    /// The `usage` member of a JSON object (a whole answer or one stream chunk), scanned.
    public init?(scanningMemberOf index: JSONObjectIndex, in bytes: UnsafeRawBufferPointer) {
        guard let member = index.member("usage"), member.kind == .object else { return nil }
        self.init(scanning: UnsafeRawBufferPointer(rebasing: bytes[member.valueRange]))
    }
}
