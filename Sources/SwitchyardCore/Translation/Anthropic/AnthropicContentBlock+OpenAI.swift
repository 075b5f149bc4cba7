extension AnthropicContentBlock {
    /// The Anthropic block for an OpenAI user content part; nil when it is dropped.
    ///
    /// `data:` image URLs become base64 sources (media type from the URL), other URLs become
    /// URL sources; `detail` has no Anthropic equivalent and is ignored. A `file` part with
    /// inline `file_data` becomes a base64 `document` block. Parts keep their `cache_control`.
    init?(openAI part: ChatContentPart, param: String, policy: TranslationPolicy) throws {
        switch part {
        case .text(let text, let extra):
            self = .text(AnthropicTextBlock(text: text, extra: extra.cacheControlOnly))
        case .imageURL(let image, let extra):
            let source: AnthropicImageSource
            if let data = DataURL(image.url) {
                source = .base64(mediaType: data.mediaType, data: data.base64)
            } else if image.url.hasPrefix("https://") || image.url.hasPrefix("http://") {
                source = .url(image.url)
            } else {
                throw GatewayError.invalidRequest("An image URL must be an http(s) or base64 data: URL.", param: "\(param).image_url.url")
            }
            self = .image(AnthropicImageBlock(source: source, extra: extra.cacheControlOnly))
        case .file(let file, let extra):
            guard let fileData = file.fileData, let data = DataURL(fileData) else {
                try policy.unsupported("Anthropic takes files inline only (`file_data` as a base64 data: URL).", param: "\(param).file")
                return nil
            }
            var document: [String: JSONValue] = [
                "type": "document",
                "source": ["type": "base64", "media_type": .string(data.mediaType), "data": .string(data.base64)],
            ]
            document["title"] = file.filename.map { .string($0) }
            document["cache_control"] = extra[AnthropicPivotKey.cacheControl]
            self = .document(.object(document))
        case .inputAudio:
            // Never dropped, even with drop_params: an answer to a question it never heard
            // is worse than a refusal.
            throw GatewayError.audioNotSupported(provider: "Anthropic", param: param)
        case .other:
            try policy.unsupported("Anthropic has no `\(part.type)` content.", param: param)
            return nil
        }
    }
}

extension AnthropicContentBlock {
    /// A thinking block with a signature, or a redacted thinking block.
    var isVerifiableThinking: Bool {
        switch self {
        case .thinking(let block): !(block.signature ?? "").isEmpty
        case .redactedThinking: true
        default: false
        }
    }
}
