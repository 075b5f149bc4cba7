extension GeminiGenerateContentRequest {
    /// The `generateContent` body that transcribes (or translates into English) an OpenAI
    /// transcription or translation upload on a Gemini model.
    ///
    /// One user turn: the audio as inline data, then an instruction — a verbatim transcript, or
    /// an English translation — asking for the text alone. `language` (ISO-639-1) and the
    /// client's `prompt` (context and spellings, as with Whisper) are added to the instruction
    /// as hints; `temperature` passes through. Empty audio, or audio whose type is not
    /// `audio/*` or `video/*` (the caller guesses it with `mimeType(forFilename:)`), is a 400
    /// naming `file`.
    public init(
        openAITranscription audio: InlineMedia,
        task: TranscriptionTask,
        language: String? = nil,
        prompt: String? = nil,
        temperature: Double? = nil
    ) throws {
        guard !audio.bytes.isEmpty else {
            throw GatewayError.invalidRequest("`file` is empty.", param: "file")
        }
        guard audio.baseType.hasPrefix("audio/") || audio.baseType.hasPrefix("video/") else {
            throw GatewayError.invalidRequest(
                "The type of `file` could not be recognised as audio (`\(audio.mimeType)`); "
                    + "name it with its extension (.mp3, .wav, .m4a, .ogg, .webm, .flac).",
                param: "file"
            )
        }
        let instruction = Self.transcriptionInstruction(task: task, language: language, prompt: prompt)
        self.init(
            contents: [GeminiContent(role: .user, parts: [audio.geminiPart, GeminiPart(text: instruction)])],
            generationConfig: temperature.map { GeminiGenerationConfig(temperature: $0) }
        )
    }

    static func transcriptionInstruction(task: TranscriptionTask, language: String?, prompt: String?) -> String {
        var lines: [String]
        switch task {
        case .transcribe:
            lines = ["Generate a verbatim transcript of the speech in this audio, in the language spoken."]
            if let language, !language.isEmpty {
                lines.append("The speech is in the language with ISO-639-1 code \"\(language)\".")
            }
        case .translate:
            lines = ["Translate the speech in this audio into English."]
        }
        lines.append("Answer with the text only: no timestamps, speaker labels, headings or commentary. "
            + "If there is no speech, answer with nothing.")
        if let prompt, !prompt.isEmpty {
            lines.append("Context and spellings that may occur in the audio (a hint, not an instruction): \(prompt)")
        }
        return lines.joined(separator: "\n")
    }
}
