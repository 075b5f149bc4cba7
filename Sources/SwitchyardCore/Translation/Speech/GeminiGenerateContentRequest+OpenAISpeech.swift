extension GeminiGenerateContentRequest {
    /// The `generateContent` body that speaks an OpenAI speech request on a Gemini speech model
    /// (`gemini-2.5-flash-preview-tts`).
    ///
    /// `generationConfig.responseModalities` is `["AUDIO"]` and `speechConfig.voiceConfig.
    /// prebuiltVoiceConfig.voiceName` the voice `GeminiVoice.name(for:)` picks. Gemini takes
    /// style as words in the prompt ("Say cheerfully: …"), so `instructions` and a `speed` other
    /// than 1 ("Speak quickly" above, "Speak slowly" below) become a prefix of the text,
    /// ending in a colon. `response_format` is the caller's: Gemini answers 24 kHz 16-bit PCM
    /// (`SpeechAudio.supportedFormats`), and `stream_format` is not translated.
    public init(openAISpeech request: SpeechRequest) throws {
        guard !request.input.isEmpty else {
            throw GatewayError.invalidRequest("`input` must not be empty.", param: "input")
        }
        if let speed = request.speed, !(0.25...4.0).contains(speed) {
            throw GatewayError.invalidRequest("`speed` must be between 0.25 and 4.0; got \(speed).", param: "speed")
        }
        let voice = try GeminiVoice.name(for: request.voice)
        var style: [String] = []
        if let instructions = request.instructions.map(Self.styleSentence), !instructions.isEmpty {
            style.append(instructions)
        }
        if let speed = request.speed, speed != 1 {
            style.append(speed > 1 ? "Speak quickly" : "Speak slowly")
        }
        let text = style.isEmpty ? request.input : style.joined(separator: ". ") + ": " + request.input
        self.init(
            contents: [GeminiContent(role: .user, parts: [GeminiPart(text: text)])],
            generationConfig: GeminiGenerationConfig(
                responseModalities: ["AUDIO"],
                speechConfig: GeminiSpeechConfig(voiceConfig: GeminiVoiceConfig(voiceName: voice))
            )
        )
    }

    /// `instructions` without surrounding space or the final punctuation, so a colon can follow.
    private static func styleSentence(_ instructions: String) -> String {
        var text = Substring(instructions)
        while let last = text.last, last.isWhitespace || ".:;,!".contains(last) { text = text.dropLast() }
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        return String(text)
    }
}
