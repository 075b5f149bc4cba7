import Foundation
import NIOCore

/// AWS Bedrock's Converse API: `{base}/model/{modelId}/converse` and `/converse-stream`,
/// signed with SigV4 (or a Bedrock API key), streams in AWS event-stream framing.
public struct BedrockProvider: ChatTranslator {
    public init() {}

    public func serves(_ operation: ProviderOperation) -> Bool {
        if case .converse = operation { return true }
        return false
    }

    /// The signed Converse request. Signing reads the clock: SigV4 signatures are valid for
    /// 15 minutes, so the request must be signed when it is sent, not ahead of time.
    public func request(_ operation: ProviderOperation, deployment: Deployment, upstreamModel: String, body: ByteBuffer) throws(GatewayError) -> UpstreamRequest {
        guard case .converse(let stream) = operation else { throw unsupported(operation, deployment) }
        return try BedrockEndpoint(deployment: deployment).request(for: deployment, modelID: upstreamModel, stream: stream, body: body, date: Date())
    }

    public func request(for chat: ChatCompletionRequest, deployment: Deployment, upstreamModel: String, dropUnsupported: Bool) throws -> UpstreamRequest {
        let body = try BedrockConverseRequest(openAI: chat, modelID: upstreamModel, dropUnsupported: dropUnsupported)
        return try request(.converse(stream: chat.stream == true), deployment: deployment, upstreamModel: upstreamModel, body: try DialectJSON.encode(body))
    }

    public func response(from body: ByteBuffer, for chat: ChatCompletionRequest, requestedModel: String, created: Int) throws -> ChatCompletionResponse {
        let decoded = try DialectJSON.decode(BedrockConverseResponse.self, from: body, what: "response")
        return ChatCompletionResponse(
            bedrock: decoded,
            requestedModel: requestedModel,
            id: Self.newID(),
            created: created,
            jsonMode: Self.jsonMode(chat)
        )
    }

    /// Bedrock's error bodies are `{"message": …}` (`Message` from some front ends); the
    /// exception name travels in a header this protocol does not see, so the status decides.
    public func error(status: Int, body: ByteBuffer) -> GatewayError? {
        let bytes = Array(body.readableBytesView)
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)),
            json["message"]?.stringValue ?? json["Message"]?.stringValue != nil
        else { return nil }
        return GatewayError(bedrockStatus: status, body: bytes)
    }

    public func streamDecoder(for chat: ChatCompletionRequest, requestedModel: String, created: Int, includeUsage: Bool) -> any ChatStreamDecoder {
        BedrockToOpenAIStream(id: Self.newID(), model: requestedModel, created: created, includeUsage: includeUsage, jsonMode: Self.jsonMode(chat))
    }

    /// Whether the request asked for JSON, which `BedrockConverseRequest` emulates with the
    /// `json_tool_call` tool.
    static func jsonMode(_ chat: ChatCompletionRequest) -> Bool {
        switch chat.responseFormat {
        case .jsonObject?, .jsonSchema?: true
        default: false
        }
    }

    /// Converse answers carry no id; the gateway makes an OpenAI-style one.
    static func newID() -> String {
        "chatcmpl-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}

extension BedrockToOpenAIStream: ChatStreamDecoder {
    public mutating func decode(_ bytes: ByteBuffer) throws -> [ChatCompletionChunk] {
        try consume(bytes: bytes)
    }
}
