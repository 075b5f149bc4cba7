import NIOCore

/// Every text a request body carries, with its path, so that guardrails see system prompts,
/// messages, tool definitions, tool-call arguments and tool results on every surface alike,
/// and masked texts can be written back where they came from.
///
/// Ids, model names, roles, base64 image and audio data and media URLs are not texts.
/// Anthropic `thinking` blocks are skipped too: they are signed, and a masked one would be
/// refused upstream.
public struct GuardrailTexts: Sendable {
    public private(set) var texts: [GuardrailText]
    /// Where each text's string literal lies in the request body (read from bytes only).
    private var literals: [Range<Int>] = []

    init(texts: [GuardrailText]) {
        self.texts = texts
    }

    /// The texts of a request of `surface`, read from its bytes without decoding the body:
    /// only the strings that are texts are decoded. A 400 when one of them is not valid
    /// UTF-8 or holds a lone surrogate escape.
    public init(request: OperationRequest, surface: GuardrailSurface) throws(GatewayError) {
        let collector = request.bytes.withUnsafeReadableBytes { raw in
            Self.collect(JSONRawValue(raw, range: request.index.objectRange), surface: surface)
        }
        guard !collector.unreadable else { throw GatewayError.invalidRequest("The request body is not JSON.") }
        texts = collector.texts
        literals = collector.literals
    }

    /// The texts of `body`, a request of `surface`, in document order.
    init<Body: JSONReadable>(body: Body, surface: GuardrailSurface) {
        texts = Self.collect(body, surface: surface).texts
    }

    /// `body` with each of `texts` written at its path (the semantic cache blanks the last
    /// user turn with it).
    public static func applying(_ texts: [GuardrailText], to body: JSONValue) -> JSONValue {
        var result = body
        for text in texts {
            result.replace(at: text.path, with: .string(text.text))
        }
        return result
    }

    private static func collect<Body: JSONReadable>(_ body: Body, surface: GuardrailSurface) -> GuardrailTextCollector {
        var collector = GuardrailTextCollector()
        switch surface {
        case .chatCompletions: collector.addChat(body)
        case .completions: collector.addCompletion(body)
        case .embeddings: collector.addEmbedding(body)
        case .responses: collector.addResponses(body)
        case .anthropicMessages: collector.addAnthropic(body)
        case .geminiGenerateContent: collector.addGemini(body)
        }
        return collector
    }

    /// The request body these texts were read from (`init(request:surface:)`), with each text
    /// that `masked` changes written in place of its string; every other byte is kept.
    /// `masked` is `texts` as changed by masking, position for position.
    public func rewriting(_ body: ByteBuffer, with masked: [GuardrailText]) -> ByteBuffer {
        var edits: [(range: Range<Int>, text: String)] = []
        for (position, text) in masked.enumerated()
        where position < texts.count && position < literals.count && text.text != texts[position].text {
            edits.append((literals[position], text.text))
        }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var result = ByteBuffer()
        result.reserveCapacity(body.readableBytes)
        body.withUnsafeReadableBytes { bytes in
            var cursor = 0
            for edit in edits where edit.range.lowerBound >= cursor && edit.range.upperBound <= bytes.count {
                result.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[cursor..<edit.range.lowerBound]))
                result.writeBytes(JSONStringDecoding.encode(edit.text))
                cursor = edit.range.upperBound
            }
            result.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[cursor...]))
        }
        return result
    }
}
