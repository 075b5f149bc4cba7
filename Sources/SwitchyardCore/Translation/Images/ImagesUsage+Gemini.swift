extension ImagesUsage {
    /// OpenAI images usage for the summed `usageMetadata` of Gemini answers.
    ///
    /// Input is prompt plus tool-use prompt tokens; output is candidate plus thought tokens.
    /// `promptTokensDetails` and `candidatesTokensDetails` (`[{modality, tokenCount}]`) give
    /// the text/image split of each side when Gemini sent them.
    public init(gemini usages: [GeminiUsageMetadata]) {
        var input = 0, output = 0, total = 0
        var inputDetails: TokenDetails?, outputDetails: TokenDetails?
        for usage in usages {
            let prompt = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0)
            let answer = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0)
            input += prompt
            output += answer
            total += usage.totalTokenCount ?? prompt + answer
            inputDetails = Self.adding(inputDetails, GeminiModalityTokens(usage, "promptTokensDetails"))
            outputDetails = Self.adding(outputDetails, GeminiModalityTokens(usage, "candidatesTokensDetails"))
        }
        self.init(
            inputTokens: input,
            outputTokens: output,
            totalTokens: total,
            inputTokensDetails: inputDetails,
            outputTokensDetails: outputDetails
        )
    }

    private static func adding(_ details: TokenDetails?, _ tokens: GeminiModalityTokens?) -> TokenDetails? {
        guard let tokens else { return details }
        var sum = details ?? TokenDetails()
        if let text = tokens.count(of: "TEXT") { sum.textTokens = (sum.textTokens ?? 0) + text }
        if let image = tokens.count(of: "IMAGE") { sum.imageTokens = (sum.imageTokens ?? 0) + image }
        return sum
    }
}

extension Usage {
    /// Chat-style usage of an images answer, for pricing by token: input tokens as prompt
    /// tokens, output tokens as completion tokens.
    public init(images usage: ImagesUsage) {
        self.init(promptTokens: usage.inputTokens, completionTokens: usage.outputTokens, totalTokens: usage.totalTokens)
    }
}
