import Foundation
import NIOCore

/// Anthropic's Messages API: `{base}/v1/messages`, `x-api-key`, `anthropic-version`.
public struct AnthropicChatDialect: ChatDialectProvider {
    public static let apiVersion = "2023-06-01"

    public init() {}

    public func request(for chat: ChatCompletionRequest, deployment: Deployment, upstreamModel: String, dropUnsupported: Bool) throws -> UpstreamRequest {
        var body = try AnthropicMessagesRequest(
            openAI: chat,
            defaultMaxTokens: deployment.modelInfo.maxOutputTokens ?? deployment.modelInfo.maxTokens ?? 4096,
            dropUnsupported: dropUnsupported
        )
        body.model = upstreamModel
        return UpstreamRequest(url: Self.url(deployment, path: "/v1/messages"), headers: Self.headers(deployment), body: try DialectJSON.encode(body))
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
    public static func url(_ deployment: Deployment, path: String) -> String {
        var base = deployment.apiBase ?? deployment.provider.defaultAPIBase ?? "https://api.anthropic.com"
        if base.hasSuffix("/v1") { base.removeLast(3) }
        return base + path
    }

    public static func headers(_ deployment: Deployment, version: String? = nil, beta: String? = nil) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("content-type", "application/json"), ("anthropic-version", version ?? apiVersion)]
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-api-key", key)) }
        if let beta { headers.append(("anthropic-beta", beta)) }
        for (name, value) in deployment.extraHeaders.sorted(by: { $0.key < $1.key }) { headers.append((name, value)) }
        return headers
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
