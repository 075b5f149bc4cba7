import Foundation
import NIOCore

/// Anthropic's Messages API: `{base}/v1/messages` and `/v1/messages/count_tokens`,
/// `x-api-key`, `anthropic-version`.
public struct AnthropicProvider: ChatTranslator {
    public static let apiVersion = "2023-06-01"

    public init() {}

    public func serves(_ operation: ProviderOperation) -> Bool {
        operation == .messages || operation == .countMessageTokens
    }

    public func request(_ operation: ProviderOperation, deployment: Deployment, upstreamModel: String, body: ByteBuffer) throws(GatewayError) -> UpstreamRequest {
        let path: String
        switch operation {
        case .messages: path = "/v1/messages"
        case .countMessageTokens: path = "/v1/messages/count_tokens"
        default: throw unsupported(operation, deployment)
        }
        return UpstreamRequest(url: Self.url(deployment, path: path), headers: Self.headers(deployment), body: body, tls: deployment.tlsTrust)
    }

    public func request(for chat: ChatCompletionRequest, deployment: Deployment, upstreamModel: String, dropUnsupported: Bool) throws -> UpstreamRequest {
        var body = try AnthropicMessagesRequest(
            openAI: chat,
            defaultMaxTokens: deployment.modelInfo.maxOutputTokens ?? deployment.modelInfo.maxTokens ?? 4096,
            dropUnsupported: dropUnsupported
        )
        body.model = upstreamModel
        return try request(.messages, deployment: deployment, upstreamModel: upstreamModel, body: try DialectJSON.encode(body))
    }

    public func response(from body: ByteBuffer, for chat: ChatCompletionRequest, requestedModel: String, created: Int) throws -> ChatCompletionResponse {
        let decoded = try DialectJSON.decode(AnthropicMessagesResponse.self, from: body, what: "response")
        return ChatCompletionResponse(anthropic: decoded, requestedModel: requestedModel, created: created, jsonMode: Self.jsonMode(chat))
    }

    public func error(status: Int, body: ByteBuffer) -> GatewayError? {
        guard let decoded = try? JSONDecoder().decode(AnthropicErrorBody.self, from: Data(body.readableBytesView)) else { return nil }
        return GatewayError(anthropic: decoded.error, status: status)
    }

    public func streamDecoder(for chat: ChatCompletionRequest, requestedModel: String, created: Int, includeUsage: Bool) -> any ChatStreamDecoder {
        AnthropicEventDecoder(stream: AnthropicToOpenAIStream(requestedModel: requestedModel, created: created, includeUsage: includeUsage, jsonMode: Self.jsonMode(chat)))
    }

    static func jsonMode(_ chat: ChatCompletionRequest) -> Bool {
        switch chat.responseFormat {
        case .jsonObject?, .jsonSchema?: true
        default: false
        }
    }

    /// The provider root plus a path; an `api_base` written with a trailing `/v1` is tolerated.
    static func url(_ deployment: Deployment, path: String) -> String {
        var base = deployment.apiBase ?? deployment.provider.defaultAPIBase ?? "https://api.anthropic.com"
        if base.hasSuffix("/v1") { base.removeLast(3) }
        return base + path
    }

    /// The gateway's own `anthropic-version`; a same-dialect client's `anthropic-version` and
    /// `anthropic-beta` replace it on pass-through.
    static func headers(_ deployment: Deployment) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("content-type", "application/json"), ("anthropic-version", apiVersion)]
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-api-key", key)) }
        return headers + extraHeaders(deployment)
    }
}

struct AnthropicEventDecoder: ChatStreamDecoder {
    var stream: AnthropicToOpenAIStream
    private var events = SSEJSONDecoder<AnthropicStreamEvent>()

    init(stream: AnthropicToOpenAIStream) {
        self.stream = stream
    }

    var usage: Usage? { stream.usage }

    mutating func decode(_ bytes: ByteBuffer) throws -> [ChatCompletionChunk] {
        var chunks: [ChatCompletionChunk] = []
        for event in try events.decode(bytes) { chunks += try stream.consume(event) }
        return chunks
    }

    mutating func finish() throws -> [ChatCompletionChunk] {
        var chunks: [ChatCompletionChunk] = []
        for event in try events.finish() { chunks += try stream.consume(event) }
        return chunks + stream.finish()
    }
}
