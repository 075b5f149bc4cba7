import Foundation
import NIOCore

/// A provider's chat capability through the OpenAI pivot: the pivot request translated into
/// the provider's dialect, and its answers (whole or streamed) back into OpenAI's.
///
/// Used whenever the client's dialect differs from the provider's; same-dialect pairs are
/// passed through as bytes instead.
public protocol ChatTranslator: ProviderEndpoint {
    func request(
        for chat: ChatCompletionRequest,
        deployment: Deployment,
        upstreamModel: String,
        dropUnsupported: Bool
    ) throws -> UpstreamRequest

    /// - Parameter chat: the pivot request this answers (some translations depend on it).
    func response(from body: ByteBuffer, for chat: ChatCompletionRequest, requestedModel: String, created: Int) throws -> ChatCompletionResponse

    func streamDecoder(for chat: ChatCompletionRequest, requestedModel: String, created: Int, includeUsage: Bool) -> any ChatStreamDecoder
}

/// Turns a provider's streamed bytes into OpenAI chunks, incrementally.
public protocol ChatStreamDecoder: Sendable {
    mutating func decode(_ bytes: ByteBuffer) throws -> [ChatCompletionChunk]
    /// At the end of the upstream body: anything still owed (final chunk, usage chunk).
    mutating func finish() throws -> [ChatCompletionChunk]
    var usage: Usage? { get }
}

extension ProviderKind {
    /// How to reach this provider through the pivot.
    public var chatTranslator: any ChatTranslator {
        switch self {
        case .gemini: GeminiProvider()
        case .anthropic: AnthropicProvider()
        case .bedrock: BedrockProvider()
        case .azure: OpenAICompatibleProvider(kind: self, addressing: .azure, acceptsStreamOptions: acceptsStreamOptions)
        case .mock: OpenAICompatibleProvider(kind: self, addressing: .inProcessMock, acceptsStreamOptions: acceptsStreamOptions)
        default: OpenAICompatibleProvider(kind: self, addressing: .bearer, acceptsStreamOptions: acceptsStreamOptions)
        }
    }

    /// Whether the provider accepts `stream_options` (otherwise it reports usage by itself).
    public var acceptsStreamOptions: Bool {
        self != .mistral
    }
}

/// Decoding helpers shared by the providers and the translations that read their answers.
public enum DialectJSON {
    /// `body` decoded, or a 502 `bad_upstream_response` naming `what` could not be read.
    public static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw GatewayError(.upstreamUnavailable, "The upstream sent a \(what) the gateway could not read: \(error).", code: "bad_upstream_response")
        }
    }

    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ByteBuffer(bytes: try encoder.encode(value))
    }
}
