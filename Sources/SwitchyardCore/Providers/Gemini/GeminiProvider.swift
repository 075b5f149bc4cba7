import Foundation
import NIOCore

/// Google AI Studio's Gemini API: `{base}/v1beta/models/{model}:generateContent` (or
/// `:streamGenerateContent?alt=sse`), `:countTokens`, `:embedContent` and
/// `:batchEmbedContents` and Imagen's `:predict`, keyed by `x-goog-api-key`.
public struct GeminiProvider: ChatTranslator {
    public init() {}

    public func serves(_ operation: ProviderOperation) -> Bool {
        switch operation {
        case .generateContent, .countTokens, .embedContent, .batchEmbedContents, .predict, .predictLongRunning: true
        default: false
        }
    }

    public func request(_ operation: ProviderOperation, deployment: Deployment, upstreamModel: String, body: ByteBuffer) throws(GatewayError) -> UpstreamRequest {
        let method: String
        switch operation {
        case .generateContent(let stream): method = stream ? "streamGenerateContent?alt=sse" : "generateContent"
        case .countTokens: method = "countTokens"
        case .embedContent: method = "embedContent"
        case .batchEmbedContents: method = "batchEmbedContents"
        case .predict: method = "predict"
        case .predictLongRunning: method = "predictLongRunning"
        default: throw unsupported(operation, deployment)
        }
        let base = deployment.apiBase ?? deployment.provider.defaultAPIBase ?? "https://generativelanguage.googleapis.com"
        let model = upstreamModel.hasPrefix("models/") ? String(upstreamModel.dropFirst(7)) : upstreamModel
        var headers: [(name: String, value: String)] = [("content-type", "application/json")]
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-goog-api-key", key)) }
        return UpstreamRequest(
            url: "\(base)/v1beta/models/\(model.addingPathPercentEncoding()):\(method)", headers: headers + Self.extraHeaders(deployment), body: body,
            tls: deployment.tlsTrust
        )
    }

    public func request(for chat: ChatCompletionRequest, deployment: Deployment, upstreamModel: String, dropUnsupported: Bool) throws -> UpstreamRequest {
        let body = try GeminiGenerateContentRequest(openAI: chat, dropUnsupported: dropUnsupported)
        return try request(.generateContent(stream: chat.stream == true), deployment: deployment, upstreamModel: upstreamModel, body: try DialectJSON.encode(body))
    }

    public func response(from body: ByteBuffer, for chat: ChatCompletionRequest, requestedModel: String, created: Int) throws -> ChatCompletionResponse {
        let decoded = try DialectJSON.decode(GeminiGenerateContentResponse.self, from: body, what: "response")
        let id = "chatcmpl-" + (decoded.responseId ?? String(UInt64(bitPattern: Int64(created)), radix: 16))
        return ChatCompletionResponse(gemini: decoded, requestedModel: requestedModel, id: id, created: created)
    }

    public func error(status: Int, body: ByteBuffer) -> GatewayError? {
        guard let decoded = try? JSONDecoder().decode(GeminiErrorBody.self, from: Data(body.readableBytesView)) else { return nil }
        return GatewayError(gemini: decoded, status: status)
    }

    public func streamDecoder(for chat: ChatCompletionRequest, requestedModel: String, created: Int, includeUsage: Bool) -> any ChatStreamDecoder {
        GeminiChunkDecoder(stream: GeminiToOpenAIStream(id: "chatcmpl-gemini-\(created)", model: requestedModel, created: created, includeUsage: includeUsage))
    }
}

struct GeminiChunkDecoder: ChatStreamDecoder {
    var stream: GeminiToOpenAIStream
    private var events = SSEJSONDecoder<GeminiGenerateContentResponse>()

    init(stream: GeminiToOpenAIStream) {
        self.stream = stream
    }

    var usage: Usage? { stream.usage }

    mutating func decode(_ bytes: ByteBuffer) throws -> [ChatCompletionChunk] {
        var chunks: [ChatCompletionChunk] = []
        for event in try events.decode(bytes) { chunks += try stream.translate(event) }
        return chunks
    }

    mutating func finish() throws -> [ChatCompletionChunk] {
        var chunks: [ChatCompletionChunk] = []
        for event in try events.finish() { chunks += try stream.translate(event) }
        return chunks + stream.finish()
    }
}
