/// What to make of the speech: a transcript in its own language (`/v1/audio/transcriptions`)
/// or an English translation (`/v1/audio/translations`).
public enum TranscriptionTask: String, Sendable, Hashable {
    case transcribe
    case translate
}
