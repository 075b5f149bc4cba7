/// Reading what an answer used from the provider's own JSON, per kind of operation, without
/// decoding the rest of it (an image answer is mostly base64).
extension MeteredUsage {
    /// An image answer (OpenAI's shape): its images counted in `data`, at the size and
    /// quality the request asked for, and the tokens token-billed models report in `usage`.
    public static func images(inAnswer raw: UnsafeRawBufferPointer, index: JSONObjectIndex, size: String?, quality: String?) -> MeteredUsage {
        var metered = MeteredUsage(imageSize: size, imageQuality: quality)
        if let data = index.member("data"), data.kind == .array,
            let elements = try? JSONScanner.indexArray(UnsafeRawBufferPointer(rebasing: raw[data.valueRange]))
        {
            metered.images = elements.count
        }
        if let usage = try? index.decode(ImagesUsage.self, "usage", in: raw) {
            metered.tokens = Usage(promptTokens: usage.inputTokens, completionTokens: usage.outputTokens, totalTokens: usage.totalTokens)
            metered.inputImageTokens = usage.inputTokensDetails?.imageTokens
            metered.outputImageTokens = usage.outputTokensDetails?.imageTokens ?? usage.outputTokens
        }
        return metered
    }

    /// A transcription or translation in JSON: the seconds the upstream reports (`duration`
    /// of verbose_json, or `usage` of type `duration`) and its tokens (`usage` of type
    /// `tokens`). Seconds stay nil when it reports none; the caller measures the upload.
    public static func transcription(inAnswer raw: UnsafeRawBufferPointer, index: JSONObjectIndex) -> MeteredUsage {
        var metered = MeteredUsage()
        if let duration = index.member("duration"), duration.kind == .number,
            let seconds = Double(String(decoding: raw[duration.valueRange], as: UTF8.self))
        {
            metered.seconds = seconds
        }
        switch try? index.decode(TranscriptionUsage.self, "usage", in: raw) {
        case .duration(let seconds)?:
            metered.seconds = metered.seconds ?? seconds
        case .tokens(let tokens)?:
            metered.tokens = Usage(promptTokens: tokens.inputTokens, completionTokens: tokens.outputTokens, totalTokens: tokens.totalTokens)
        default:
            break
        }
        return metered
    }

    /// A rerank answer: Cohere's search units (one per query when it reports none) and the
    /// tokens vLLM, Jina and Voyage report.
    public static func rerank(inAnswer raw: UnsafeRawBufferPointer, index: JSONObjectIndex) -> MeteredUsage {
        let meta = try? index.decode(RerankMeta.self, "meta", in: raw)
        var metered = MeteredUsage(queries: meta?.billedUnits?.searchUnits ?? 1)
        if let usage = index.object("usage", in: raw), let total = usage.index.int("total_tokens", in: usage.bytes) {
            metered.tokens = Usage(promptTokens: usage.index.int("prompt_tokens", in: usage.bytes) ?? total, completionTokens: 0, totalTokens: total)
        } else if let tokens = meta?.tokens, let input = tokens.inputTokens {
            metered.tokens = Usage(promptTokens: input, completionTokens: tokens.outputTokens ?? 0)
        }
        return metered
    }

    /// An OCR answer (Mistral's shape): `usage_info.pages_processed`, else its pages counted.
    public static func ocr(inAnswer raw: UnsafeRawBufferPointer, index: JSONObjectIndex) -> MeteredUsage {
        if let info = index.object("usage_info", in: raw), let pages = info.index.int("pages_processed", in: info.bytes) {
            return MeteredUsage(pages: pages)
        }
        if let pages = index.member("pages"), pages.kind == .array,
            let elements = try? JSONScanner.indexArray(UnsafeRawBufferPointer(rebasing: raw[pages.valueRange]))
        {
            return MeteredUsage(pages: elements.count)
        }
        return MeteredUsage(pages: 1)
    }
}
