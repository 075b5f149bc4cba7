extension ChatContentPart {
    /// The OpenAI part for an Anthropic user content block; nil when it is dropped.
    ///
    /// Text keeps its `cache_control`; base64 images become `data:` URLs; base64 PDF documents
    /// become `file` parts with a `data:` URL; plain-text documents become text parts.
    init?(anthropic block: AnthropicContentBlock, param: String, policy: TranslationPolicy) throws {
        switch block {
        case .text(let text):
            self = .text(text.text, extra: text.extra.cacheControlOnly)
        case .image(let image):
            switch image.source {
            case .base64(let mediaType, let data):
                self = .imageURL(ImageURL(url: DataURL(mediaType: mediaType, base64: data).url), extra: image.extra.cacheControlOnly)
            case .url(let url):
                self = .imageURL(ImageURL(url: url), extra: image.extra.cacheControlOnly)
            case .other(let source):
                let type = source["type"]?.stringValue ?? "unknown"
                try policy.unsupported("Image source `\(type)` has no OpenAI equivalent.", param: "\(param).source")
                return nil
            }
        case .document(let document):
            guard let part = Self.documentPart(document) else {
                let type = document["source"]?["type"]?.stringValue ?? "unknown"
                try policy.unsupported("Document source `\(type)` has no OpenAI equivalent.", param: "\(param).source")
                return nil
            }
            self = part
        default:
            try policy.unsupported("A user message cannot hold a `\(block.type)` block in OpenAI's format.", param: param)
            return nil
        }
    }

    private static func documentPart(_ document: JSONValue) -> ChatContentPart? {
        guard let source = document["source"] else { return nil }
        var extra: [String: JSONValue] = [:]
        extra[AnthropicPivotKey.cacheControl] = document["cache_control"]
        switch source["type"]?.stringValue {
        case "base64":
            guard let mediaType = source["media_type"]?.stringValue, let data = source["data"]?.stringValue else { return nil }
            let file = File(fileData: DataURL(mediaType: mediaType, base64: data).url, filename: document["title"]?.stringValue)
            return .file(file, extra: extra)
        case "text":
            guard let data = source["data"]?.stringValue else { return nil }
            return .text(data, extra: extra)
        default:
            return nil
        }
    }
}
