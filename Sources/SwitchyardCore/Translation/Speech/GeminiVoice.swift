/// The prebuilt voices of Gemini's speech models, and the one each OpenAI voice becomes.
///
/// Each OpenAI voice becomes a Gemini voice of similar character (Google describes each of
/// its voices in one word):
///
/// | OpenAI  | Gemini     | Google's word  |
/// |---------|------------|----------------|
/// | alloy   | Kore       | firm           |
/// | ash     | Orus       | firm           |
/// | ballad  | Algieba    | smooth         |
/// | coral   | Achird     | friendly       |
/// | echo    | Charon     | informative    |
/// | fable   | Fenrir     | excitable      |
/// | nova    | Aoede      | breezy         |
/// | onyx    | Algenib    | gravelly       |
/// | sage    | Sadaltager | knowledgeable  |
/// | shimmer | Leda       | youthful       |
/// | verse   | Puck       | upbeat         |
/// | marin   | Zephyr     | bright         |
/// | cedar   | Sulafat    | warm           |
///
/// A name that already is a Gemini voice (in any letter case) passes through.
public enum GeminiVoice {
    /// Gemini's 30 prebuilt voices.
    public static let prebuilt = [
        "Zephyr", "Puck", "Charon", "Kore", "Fenrir", "Leda", "Orus", "Aoede", "Callirrhoe", "Autonoe",
        "Enceladus", "Iapetus", "Umbriel", "Algieba", "Despina", "Erinome", "Algenib", "Rasalgethi",
        "Laomedeia", "Achernar", "Alnilam", "Schedar", "Gacrux", "Pulcherrima", "Achird",
        "Zubenelgenubi", "Vindemiatrix", "Sadachbia", "Sadaltager", "Sulafat",
    ]

    /// The Gemini voice for each OpenAI voice (see the table above).
    public static let forOpenAIVoice: [String: String] = [
        "alloy": "Kore", "ash": "Orus", "ballad": "Algieba", "coral": "Achird", "echo": "Charon",
        "fable": "Fenrir", "nova": "Aoede", "onyx": "Algenib", "sage": "Sadaltager", "shimmer": "Leda",
        "verse": "Puck", "marin": "Zephyr", "cedar": "Sulafat",
    ]

    /// The Gemini voice name for a speech request's `voice`; a 400 naming `voice` when it is
    /// neither an OpenAI nor a Gemini voice (custom voice ids included).
    public static func name(for voice: SpeechVoice) throws -> String {
        let requested = voice.value
        if let mapped = forOpenAIVoice[requested.lowercased()] { return mapped }
        if let gemini = prebuilt.first(where: { $0.lowercased() == requested.lowercased() }) { return gemini }
        throw GatewayError.invalidRequest(
            "The voice `\(requested)` is not available on this model; use one of "
                + "\(forOpenAIVoice.keys.sorted().joined(separator: ", ")) or a Gemini voice such as Kore or Puck.",
            param: "voice"
        )
    }
}
