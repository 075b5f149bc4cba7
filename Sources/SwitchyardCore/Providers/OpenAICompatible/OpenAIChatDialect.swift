import Foundation
import NIOCore

/// OpenAI-dialect providers reached from another client dialect: the pivot is the wire format.
public struct OpenAIChatDialect: ChatDialectProvider {
    let adapter: any ProviderAdapter
    let acceptsStreamOptions: Bool

    public func request(for chat: ChatCompletionRequest, deployment: Deployment, upstreamModel: String, dropUnsupported: Bool) throws -> UpstreamRequest {
        var chat = chat.removingAnthropicExtensions()
        chat.model = upstreamModel
        if chat.stream == true && acceptsStreamOptions {
            chat.streamOptions = StreamOptions(includeUsage: true)
        }
        for name in deployment.provider.unsupportedOpenAIParams.union(deployment.additionalDropParams) {
            chat.extra[name] = nil
        }
        for name in ["safety_settings", "task_type", "title"] {
            chat.extra[name] = nil
        }
        return adapter.request(for: .chatCompletions, deployment: deployment, upstreamModel: upstreamModel, body: try DialectJSON.encode(chat))
    }

    public func response(from body: ByteBuffer, for chat: ChatCompletionRequest, requestedModel: String, created: Int) throws -> ChatCompletionResponse {
        try DialectJSON.decode(ChatCompletionResponse.self, from: body, what: "response")
    }

    public func error(status: Int, body: ByteBuffer) -> GatewayError? { nil }

    public func streamDecoder(for chat: ChatCompletionRequest, requestedModel: String, created: Int, includeUsage: Bool) -> any ChatStreamDecoder {
        OpenAIChunkDecoder(includeUsage: includeUsage)
    }
}

/// OpenAI's own stream, decoded into chunks; the usage-only chunk is kept only when asked for.
struct OpenAIChunkDecoder: ChatStreamDecoder {
    let includeUsage: Bool
    private var events = SSEJSONDecoder<ChatCompletionChunk>()
    private(set) var usage: Usage?

    init(includeUsage: Bool) {
        self.includeUsage = includeUsage
    }

    mutating func decode(_ bytes: ByteBuffer) throws -> [ChatCompletionChunk] {
        try keep(events.decode(bytes))
    }

    mutating func finish() throws -> [ChatCompletionChunk] {
        try keep(events.finish())
    }

    private mutating func keep(_ chunks: [ChatCompletionChunk]) -> [ChatCompletionChunk] {
        chunks.filter { chunk in
            if let usage = chunk.usage { self.usage = usage }
            return includeUsage || !(chunk.choices.isEmpty && chunk.usage != nil)
        }
    }
}
