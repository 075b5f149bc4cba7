/// Media types between OpenAI content parts and Gemini blobs: `data:` URLs, guesses from file
/// extensions, and OpenAI audio format names.
enum GeminiMediaType {
    /// The pieces of a base64 `data:` URL; nil for anything else (percent-encoded data included).
    static func parseDataURL(_ url: String) -> (mimeType: String?, base64: String)? {
        guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") else { return nil }
        let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
        let fields = header.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard fields.dropFirst().contains(where: { $0.lowercased() == "base64" }) else { return nil }
        let mimeType = fields.first.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        return (mimeType, String(url[url.index(after: comma)...]))
    }

    /// A base64 `data:` URL.
    static func dataURL(mimeType: String, base64: String) -> String {
        "data:\(mimeType);base64,\(base64)"
    }

    /// The type a URL or file name's extension suggests, ignoring any query or fragment.
    static func guess(fromName name: String) -> String? {
        let path = name.split(whereSeparator: { $0 == "?" || $0 == "#" }).first.map(String.init) ?? name
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let ext = path[path.index(after: dot)...].lowercased()
        return byExtension.first { $0.0.contains(ext) }?.1
    }

    /// A file name for a blob of `mimeType`, for OpenAI file parts (which want one).
    static func filename(for mimeType: String) -> String {
        if let ext = byExtension.first(where: { $0.1 == mimeType })?.0.first {
            return "file.\(ext)"
        }
        return "file"
    }

    /// The Gemini type of an OpenAI `input_audio.format` (`wav`, `mp3`…).
    static func audioMimeType(format: String) -> String {
        let format = format.lowercased()
        switch format {
        case "mp3", "mpeg": return "audio/mp3"
        case "wav", "wave", "x-wav": return "audio/wav"
        default: return "audio/\(format)"
        }
    }

    /// The OpenAI `input_audio.format` of a Gemini audio type.
    static func audioFormat(mimeType: String) -> String {
        let subtype = mimeType.split(separator: "/").last.map { String($0).lowercased() } ?? mimeType
        switch subtype {
        case "mpeg", "mp3", "mpeg3", "x-mp3": return "mp3"
        case "wav", "wave", "x-wav", "vnd.wave": return "wav"
        default: return subtype
        }
    }

    /// Types Gemini reads, by the extensions that name them.
    private static let byExtension: [([String], String)] = [
        (["png"], "image/png"), (["jpg", "jpeg"], "image/jpeg"), (["webp"], "image/webp"),
        (["gif"], "image/gif"), (["heic"], "image/heic"), (["heif"], "image/heif"),
        (["pdf"], "application/pdf"), (["txt"], "text/plain"), (["md"], "text/markdown"),
        (["html", "htm"], "text/html"), (["csv"], "text/csv"), (["xml"], "text/xml"),
        (["mp3"], "audio/mp3"), (["wav"], "audio/wav"), (["aac"], "audio/aac"), (["ogg"], "audio/ogg"),
        (["flac"], "audio/flac"), (["aiff", "aif"], "audio/aiff"), (["mp4"], "video/mp4"),
        (["mov"], "video/mov"), (["mpeg", "mpg"], "video/mpeg"), (["avi"], "video/avi"),
        (["wmv"], "video/wmv"), (["flv"], "video/x-flv"), (["webm"], "video/webm"), (["3gp"], "video/3gpp"),
    ]
}
