import NIOCore

extension OperationRequest {
    /// What a successful JSON answer to this request used, read the way the operation is
    /// metered: tokens for chat and embeddings, images, seconds, queries, pages or requests
    /// for the others. Nil when the answer reports nothing to charge.
    public func meteredUsage(inAnswer raw: UnsafeRawBufferPointer, index answer: JSONObjectIndex, dialect: UsageReader.Dialect) -> MeteredUsage? {
        switch operation.capability {
        case .chat, .responses, .completions, .embeddings, .tokenCounting:
            return UsageReader.usage(inWhole: raw, index: answer, dialect: dialect).map(MeteredUsage.init)
        case .imageGeneration, .imageEdit, .imageVariation:
            return .images(inAnswer: raw, index: answer, size: field("size") ?? "1024x1024", quality: field("quality"))
        case .transcription, .translation:
            return .transcription(inAnswer: raw, index: answer)
        case .rerank:
            return .rerank(inAnswer: raw, index: answer)
        case .ocr:
            return .ocr(inAnswer: raw, index: answer)
        case .moderation:
            return MeteredUsage(requests: 1)
        case .speech:
            return spokenCharacters
        case .tokenCounter, .videoGeneration, .videoRemix, .musicGeneration:
            // Jobs are charged when they complete, from the job record.
            return nil
        }
    }

    /// Speech: the characters of `input` read aloud.
    public var spokenCharacters: MeteredUsage {
        MeteredUsage(characters: field("input")?.count ?? 0)
    }

    /// A top-level string member (or form field) of the request.
    public func field(_ name: String) -> String? {
        bytes.withUnsafeReadableBytes { index.string(name, in: $0) }
    }

    /// What the request will use as far as it can be told before it runs, for the budget
    /// hold of unit-priced operations: `n` images at the asked size, the characters to read,
    /// one query, page or request. Nil for token-metered operations and transcription
    /// (whose length is only known from the audio).
    public var estimatedUnits: MeteredUsage? {
        switch operation.capability {
        case .imageGeneration, .imageEdit, .imageVariation:
            let count = bytes.withUnsafeReadableBytes { index.int("n", in: $0) } ?? field("n").flatMap(Int.init) ?? 1
            return MeteredUsage(images: max(1, count), imageSize: field("size") ?? "1024x1024", imageQuality: field("quality"))
        case .speech: return spokenCharacters
        case .rerank: return MeteredUsage(queries: 1)
        case .ocr: return MeteredUsage(pages: 1)
        case .moderation: return MeteredUsage(requests: 1)
        case .videoGeneration, .videoRemix, .musicGeneration:
            // The length asked for (a remix's is its source's, added by the route).
            guard let kind = operation.jobKind, let spec = try? jobSpec(kind: kind) else { return nil }
            return MediaJob.meteredUsage(kind: kind, seconds: spec.seconds, size: spec.size)
        case .chat, .responses, .completions, .embeddings, .tokenCounting, .tokenCounter, .transcription, .translation: return nil
        }
    }
}

extension OperationRequest {
    /// The members counted as an answer too large to hold streams past: one per image, or
    /// one per OCR page.
    public var countedAnswerKeys: [String] {
        switch operation.capability {
        case .imageGeneration, .imageEdit, .imageVariation: ["b64_json", "url"]
        case .ocr: ["markdown"]
        default: []
        }
    }

    /// What an answer too large to hold used: read from its last bytes (`tail`, where
    /// providers put usage) and the `counted` members (`countedAnswerKeys`) seen on the way.
    public func meteredUsage(inTail tail: UnsafeRawBufferPointer, counted: Int, dialect: UsageReader.Dialect) -> MeteredUsage? {
        switch operation.capability {
        case .imageGeneration, .imageEdit, .imageVariation:
            var usage = Self.lastObject("usage", in: tail) { raw, index in
                MeteredUsage.images(inAnswer: raw, index: index, size: field("size") ?? "1024x1024", quality: field("quality"))
            } ?? MeteredUsage(imageSize: field("size") ?? "1024x1024", imageQuality: field("quality"))
            usage.images = counted > 0 ? counted : estimatedUnits?.images
            return usage
        case .ocr:
            return Self.lastObject("usage_info", in: tail) { raw, index in MeteredUsage.ocr(inAnswer: raw, index: index) }
                ?? MeteredUsage(pages: max(1, counted))
        case .speech:
            return spokenCharacters
        case .moderation:
            return MeteredUsage(requests: 1)
        case .rerank:
            return Self.lastObject("meta", in: tail) { raw, index in MeteredUsage.rerank(inAnswer: raw, index: index) } ?? MeteredUsage(queries: 1)
        default:
            return UsageReader.usage(inTail: tail, dialect: dialect).map(MeteredUsage.init)
        }
    }

    /// The last `"key": {…}` member complete in `tail`, read as a one-member object.
    private static func lastObject(_ key: String, in tail: UnsafeRawBufferPointer, _ read: (UnsafeRawBufferPointer, JSONObjectIndex) -> MeteredUsage) -> MeteredUsage? {
        UsageReader.lastMember(Array("\"\(key)\"".utf8), in: tail)?.withUnsafeBytes { raw in
            (try? JSONScanner.indexObject(raw)).map { read(raw, $0) }
        }
    }
}
