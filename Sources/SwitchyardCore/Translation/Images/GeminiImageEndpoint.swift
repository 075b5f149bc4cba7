/// Which Gemini API method makes a model's pictures.
public enum GeminiImageEndpoint: Sendable, Hashable {
    /// Gemini image models (`gemini-2.5-flash-image`, "nano banana"): `:generateContent` with
    /// image output; see `GeminiGenerateContentRequest(openAIImages:)`.
    case generateContent
    /// Imagen (`imagen-4.0-generate-001`): `:predict`; see `GeminiPredictRequest(openAIImages:)`.
    case predict

    /// The method for an upstream model name: Imagen models predict, all others generate content.
    public init(model: String) {
        self = model.lowercased().contains("imagen") ? .predict : .generateContent
    }
}
