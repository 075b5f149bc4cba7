extension GatewayError {
    /// Audio sent in chat to a model that cannot hear it (Anthropic, Bedrock's Claude).
    public static func audioNotSupported(provider: String, param: String) -> GatewayError {
        GatewayError(
            .invalidRequest,
            "\(provider) models cannot take audio input. Transcribe it first (POST /v1/audio/transcriptions) and send the text, "
                + "or route the request to a model that takes audio (OpenAI's gpt-4o-audio models, Gemini).",
            param: param,
            code: "audio_not_supported_by_model"
        )
    }
}
