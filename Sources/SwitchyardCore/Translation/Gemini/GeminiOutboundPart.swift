/// One OpenAI user content part as a Gemini part.
///
/// - `data:` URLs (images, `file_data`) become `inlineData`; `input_audio` becomes
///   `inlineData` of type `audio/<format>`.
/// - Any other `image_url` becomes `fileData`. Its type is `image_url.format` when the client
///   gave one (LiteLLM's convention), else a guess from the URL's extension, else `image/jpeg`.
///   The gateway fetches nothing: Gemini itself must be able to read the URI, which holds for
///   Files API URIs, YouTube links and, on current models, public http(s) URLs.
/// - A `file_id` that is a URI (`https://…`, `gs://…`, `files/…`) becomes `fileData`; an OpenAI
///   file id means nothing to Gemini and is refused (or dropped).
enum GeminiOutboundPart {
    static func convert(_ part: ChatContentPart, param: String, policy: GeminiDropPolicy) throws -> GeminiPart? {
        switch part {
        case .text(let text, _):
            return text.isEmpty ? nil : GeminiPart(text: text)
        case .imageURL(let image, _):
            return try imagePart(image, param: "\(param).image_url.url")
        case .inputAudio(let audio, _):
            let mimeType = GeminiMediaType.audioMimeType(format: audio.format)
            return GeminiPart(inlineData: GeminiBlob(mimeType: mimeType, data: audio.data))
        case .file(let file, _):
            return try filePart(file, param: "\(param).file", policy: policy)
        case .other(let value):
            try policy.unsupported(
                "Content parts of type `\(value["type"]?.stringValue ?? "?")` cannot be sent to Gemini.",
                param: param
            )
            return nil
        }
    }

    private static func imagePart(_ image: ChatContentPart.ImageURL, param: String) throws -> GeminiPart {
        let format = image.extra["format"]?.stringValue
        if image.url.hasPrefix("data:") {
            guard let data = GeminiMediaType.parseDataURL(image.url) else {
                throw GatewayError.invalidRequest("Only base64 `data:` URLs can be sent to Gemini.", param: param)
            }
            let mimeType = format ?? data.mimeType ?? "image/jpeg"
            return GeminiPart(inlineData: GeminiBlob(mimeType: mimeType, data: data.base64))
        }
        let mimeType = format ?? GeminiMediaType.guess(fromName: image.url) ?? "image/jpeg"
        return GeminiPart(fileData: GeminiFileData(mimeType: mimeType, fileUri: image.url))
    }

    private static func filePart(_ file: ChatContentPart.File, param: String, policy: GeminiDropPolicy) throws -> GeminiPart? {
        let named = file.extra["format"]?.stringValue ?? file.filename.flatMap(GeminiMediaType.guess(fromName:))
        if let fileData = file.fileData {
            if let data = GeminiMediaType.parseDataURL(fileData) {
                let mimeType = data.mimeType ?? named ?? "application/pdf"
                return GeminiPart(inlineData: GeminiBlob(mimeType: mimeType, data: data.base64))
            }
            if fileData.hasPrefix("data:") {
                throw GatewayError.invalidRequest("Only base64 `data:` URLs can be sent to Gemini.", param: "\(param).file_data")
            }
            return GeminiPart(inlineData: GeminiBlob(mimeType: named ?? "application/pdf", data: fileData))
        }
        if let id = file.fileID {
            if id.contains("://") || id.hasPrefix("files/") {
                let mimeType = named ?? GeminiMediaType.guess(fromName: id)
                return GeminiPart(fileData: GeminiFileData(mimeType: mimeType, fileUri: id))
            }
            try policy.unsupported("Gemini cannot read OpenAI file ids.", param: "\(param).file_id")
            return nil
        }
        throw GatewayError.invalidRequest("A file part needs `file_data` or `file_id`.", param: param)
    }
}
