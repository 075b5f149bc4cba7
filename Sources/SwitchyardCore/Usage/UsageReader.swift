import Foundation

/// Reads token usage from a provider's own answers, so byte pass-through (where nothing is
/// translated) is still costed: whole bodies, and stream events one by one.
///
/// Anthropic streams report input tokens in `message_start` and the output count in each
/// `message_delta`; Gemini puts `usageMetadata` on its chunks (the last one is complete);
/// OpenAI sends one `usage` object.
public struct UsageReader: Sendable {
    public enum Dialect: Sendable {
        case openAI, anthropic, gemini
    }

    public let dialect: Dialect
    private var anthropic: AnthropicUsage?
    public private(set) var usage: Usage?

    public init(dialect: Dialect) {
        self.dialect = dialect
    }

    /// Usage in a whole (non-streamed) answer. Whole answers nearly always carry usage, so the
    /// body is indexed at once, without the needle scan stream events get.
    public static func usage(inWhole body: UnsafeRawBufferPointer, dialect: Dialect) -> Usage? {
        guard let index = try? JSONScanner.indexObject(body) else { return nil }
        return usage(inWhole: body, index: index, dialect: dialect)
    }

    /// Usage in a whole answer the caller has already indexed.
    public static func usage(inWhole body: UnsafeRawBufferPointer, index: JSONObjectIndex, dialect: Dialect) -> Usage? {
        var reader = UsageReader(dialect: dialect)
        reader.read(index, in: body)
        return reader.usage
    }

    /// Reads one JSON object: a whole answer, or one stream event's `data`.
    public mutating func read(_ json: UnsafeRawBufferPointer) {
        let needle = dialect == .gemini ? Self.metadataNeedle : Self.usageNeedle
        guard OpenAIStreamRelay.firstIndex(of: needle, in: json, from: 0) != nil,
            let index = try? JSONScanner.indexObject(json)
        else { return }
        read(index, in: json)
    }

    /// Reads one JSON object already indexed.
    mutating func read(_ index: JSONObjectIndex, in json: UnsafeRawBufferPointer) {
        switch dialect {
        case .openAI:
            if let decoded = Usage(scanningMemberOf: index, in: json) { usage = decoded }
        case .gemini:
            if let decoded = try? index.decode(GeminiUsageMetadata.self, "usageMetadata", in: json) { usage = Usage(gemini: decoded) }
        case .anthropic:
            if let message = index.member("message"), message.kind == .object {
                // message_start (or a whole answer's nested form): the input side.
                let slice = UnsafeRawBufferPointer(rebasing: json[message.valueRange])
                if let inner = try? JSONScanner.indexObject(slice), let start = try? inner.decode(AnthropicUsage.self, "usage", in: slice) {
                    anthropic = start
                }
            }
            if let reported = try? index.decode(AnthropicUsage.self, "usage", in: json) {
                if var known = anthropic {
                    // message_delta: the running output count, and input counts when it repeats them.
                    known.outputTokens = reported.outputTokens
                    if reported.inputTokens > 0 { known.inputTokens = reported.inputTokens }
                    known.cacheReadInputTokens = reported.cacheReadInputTokens ?? known.cacheReadInputTokens
                    known.cacheCreationInputTokens = reported.cacheCreationInputTokens ?? known.cacheCreationInputTokens
                    anthropic = known
                } else {
                    anthropic = reported
                }
            }
            usage = anthropic.map(Usage.init(anthropic:))
        }
    }
}
