import Foundation
import NIOCore

/// OpenAI itself and every server that speaks its API under a `/v1`-style base URL (vLLM,
/// Ollama, Groq, DeepSeek, OpenRouter, Mistral, Together, Fireworks, xAI, Cohere), Azure
/// OpenAI, and the in-process mock. From another client dialect the pivot is the wire format.
public struct OpenAICompatibleProvider: ChatTranslator {
    /// How the base URL, path and key combine.
    public enum Addressing: Sendable {
        /// `{api_base}{path}`, `Authorization: Bearer`.
        case bearer
        /// Azure OpenAI: the deployment in the path, `api-version` in the query, `api-key`.
        /// An `api_base` ending in `/openai/v1` selects Azure's v1 API (OpenAI's paths).
        case azure
        /// `mock://{model}/v1{path}`, answered in-process.
        case inProcessMock
    }

    public let kind: ProviderKind
    public let addressing: Addressing
    let acceptsStreamOptions: Bool

    public init(kind: ProviderKind, addressing: Addressing, acceptsStreamOptions: Bool) {
        self.kind = kind
        self.addressing = addressing
        self.acceptsStreamOptions = acceptsStreamOptions
    }

    /// Every OpenAI path (a server without one answers its own 404), OCR where Mistral's API
    /// is served, and rerank in Cohere's shape where the server takes it as it is (Cohere
    /// itself, vLLM, the mock). Jina's and Voyage's rerank take their own shapes, reached
    /// by translation. The Responses API only where the provider documents it (OpenAI, xAI,
    /// OpenRouter, the mock); every other server gets Responses translated to chat, which
    /// every OpenAI-compatible server takes.
    public func serves(_ operation: ProviderOperation) -> Bool {
        switch operation {
        case .responses: [.openai, .xai, .openrouter, .mock].contains(kind)
        case .ocr: [.mistral, .azure, .mock].contains(kind)
        case .rerank: [.cohere, .hostedVLLM, .mock].contains(kind)
        case .videos: [.openai, .mock].contains(kind)
        case .musicGenerations: kind == .mock
        default: operation.openAIPath != nil
        }
    }

    public func request(_ operation: ProviderOperation, deployment: Deployment, upstreamModel: String, body: ByteBuffer) throws(GatewayError) -> UpstreamRequest {
        guard let path = operation.openAIPath else { throw unsupported(operation, deployment) }
        var headers: [(name: String, value: String)] = [("content-type", "application/json")]
        let key = deployment.apiKey.flatMap { $0.isEmpty ? nil : $0 }
        let base = deployment.apiBase ?? deployment.provider.defaultAPIBase ?? ""
        let url: String
        switch addressing {
        case .bearer:
            if let key { headers.append(("authorization", "Bearer \(key)")) }
            if let organization = deployment.organization { headers.append(("openai-organization", organization)) }
            if case .rerank(let version) = operation, kind == .cohere {
                url = Self.cohereRoot(base) + "/v\(version)/rerank"
            } else {
                url = base + path
            }
        case .azure:
            if let key { headers.append(("api-key", key)) }
            if base.hasSuffix("/openai/v1") {
                url = base + path
            } else {
                let version = deployment.apiVersion ?? "2024-10-21"
                url = "\(base)/openai/deployments/\(upstreamModel.addingPathPercentEncoding())\(path)?api-version=\(version)"
            }
        case .inProcessMock:
            url = "mock://\(upstreamModel)/v1\(path)"
        }
        return UpstreamRequest(url: url, headers: headers + Self.extraHeaders(deployment), body: body, tls: deployment.tlsTrust)
    }

    public func error(status: Int, body: ByteBuffer) -> GatewayError? { nil }

    /// Cohere's native API root from a base URL given for its OpenAI compatibility API
    /// (`https://api.cohere.ai/compatibility/v1`) or for the native one (`…/v2`).
    static func cohereRoot(_ base: String) -> String {
        var root = base
        while root.hasSuffix("/") { root.removeLast() }
        for suffix in ["/compatibility/v1", "/v1", "/v2"] where root.hasSuffix(suffix) {
            root.removeLast(suffix.count)
            break
        }
        return root
    }

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
        return try request(.chatCompletions, deployment: deployment, upstreamModel: upstreamModel, body: try DialectJSON.encode(chat))
    }

    public func response(from body: ByteBuffer, for chat: ChatCompletionRequest, requestedModel: String, created: Int) throws -> ChatCompletionResponse {
        try DialectJSON.decode(ChatCompletionResponse.self, from: body, what: "response")
    }

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
