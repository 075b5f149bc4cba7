import Foundation
import NIOCore

/// Google AI Studio's Gemini API: `{base}/v1beta/models/{model}:generateContent`, or
/// `:streamGenerateContent?alt=sse` for streams, keyed by `x-goog-api-key`.
public struct GeminiChatDialect: ChatDialectProvider {
    public init() {}

    public func request(for chat: ChatCompletionRequest, deployment: Deployment, upstreamModel: String, dropUnsupported: Bool) throws -> UpstreamRequest {
        let body = try GeminiGenerateContentRequest(openAI: chat, dropUnsupported: dropUnsupported)
        let base = deployment.apiBase ?? deployment.provider.defaultAPIBase ?? "https://generativelanguage.googleapis.com"
        let model = upstreamModel.hasPrefix("models/") ? String(upstreamModel.dropFirst(7)) : upstreamModel
        let method = chat.stream == true ? "streamGenerateContent?alt=sse" : "generateContent"
        var headers: [(name: String, value: String)] = [("content-type", "application/json")]
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-goog-api-key", key)) }
        for (name, value) in deployment.extraHeaders.sorted(by: { $0.key < $1.key }) { headers.append((name, value)) }
        return UpstreamRequest(url: "\(base)/v1beta/models/\(model.addingPathPercentEncoding()):\(method)", headers: headers, body: try DialectJSON.encode(body))
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
