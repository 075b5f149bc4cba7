import NIOCore

/// AWS Bedrock's Converse API.
public struct BedrockChatDialect: ChatDialectProvider {
    public init() {}

    public func request(for chat: ChatCompletionRequest, deployment: Deployment, upstreamModel: String, dropUnsupported: Bool) throws -> UpstreamRequest {
        throw GatewayError(.notImplemented, "The bedrock/ provider is not available in this build.")
    }

    public func response(from body: ByteBuffer, for chat: ChatCompletionRequest, requestedModel: String, created: Int) throws -> ChatCompletionResponse {
        throw GatewayError(.notImplemented, "The bedrock/ provider is not available in this build.")
    }

    public func error(status: Int, body: ByteBuffer) -> GatewayError? { nil }

    public func streamDecoder(for chat: ChatCompletionRequest, requestedModel: String, created: Int, includeUsage: Bool) -> any ChatStreamDecoder {
        OpenAIChunkDecoder(includeUsage: includeUsage)
    }
}
