/// The transcript in a Gemini `generateContent` answer to a transcription request, and its
/// token usage.
public struct GeminiTranscript: Sendable, Hashable {
    /// The first candidate's answer text, thoughts left out, without surrounding white space.
    public var text: String
    /// Tokens for pricing: prompt (audio and instruction) as prompt tokens, the transcript as
    /// completion tokens.
    public var usage: Usage?
    /// The same counts in the shape of OpenAI's token-billed transcription `usage`, audio and
    /// text input split where Gemini sent per-modality details.
    public var transcriptionUsage: TranscriptionUsage?

    /// Reads the answer; a prompt blocked or a candidate stopped for a reason other than
    /// `STOP`/`MAX_TOKENS` is a 400 `content_policy_violation` saying why.
    public init(gemini response: GeminiGenerateContentResponse) throws {
        guard let candidate = response.candidates?.first, response.promptFeedback?.blockReason == nil,
            candidate.finishReason == nil || candidate.finishReason == .stop || candidate.finishReason == .maxTokens
        else {
            throw GatewayError.noMedia("transcript", reason: GatewayError.geminiNoOutputReason([response]))
        }
        let raw = (candidate.content?.parts ?? []).filter { !$0.isThought }.compactMap(\.text).joined()
        text = String(raw.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        usage = response.usageMetadata.map(Usage.init(gemini:))
        transcriptionUsage = response.usageMetadata.map { metadata in
            let prompt = GeminiModalityTokens(metadata, "promptTokensDetails")
            let details = prompt.map {
                TranscriptionUsage.InputTokenDetails(textTokens: $0.count(of: "TEXT"), audioTokens: $0.count(of: "AUDIO"))
            }
            let input = (metadata.promptTokenCount ?? 0) + (metadata.toolUsePromptTokenCount ?? 0)
            let output = (metadata.candidatesTokenCount ?? 0) + (metadata.thoughtsTokenCount ?? 0)
            return .tokens(.init(
                inputTokens: input,
                outputTokens: output,
                totalTokens: metadata.totalTokenCount ?? input + output,
                inputTokenDetails: details
            ))
        }
    }
}
