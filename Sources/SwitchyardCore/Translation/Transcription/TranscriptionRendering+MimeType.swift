extension TranscriptionRendering {
    /// The audio type a file name's extension suggests (`talk.mp3` → `audio/mpeg`); nil for an
    /// extension it does not know.
    ///
    /// Covers the formats OpenAI accepts: flac, mp3, mp4, mpeg, mpga, m4a, ogg, oga, opus, wav,
    /// webm.
    public static func mimeType(forFilename filename: String) -> String? {
        guard let dot = filename.lastIndex(of: "."), !filename[dot...].contains("/") else { return nil }
        switch filename[filename.index(after: dot)...].lowercased() {
        case "wav", "wave": return "audio/wav"
        case "mp3", "mpga", "mpeg": return "audio/mpeg"
        case "m4a", "mp4": return "audio/mp4"
        case "ogg", "oga", "opus": return "audio/ogg"
        case "webm": return "audio/webm"
        case "flac": return "audio/flac"
        case "aac": return "audio/aac"
        case "aiff", "aif": return "audio/aiff"
        default: return nil
        }
    }
}
