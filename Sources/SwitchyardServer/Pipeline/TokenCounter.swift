import Foundation
import NIOCore
import SwitchyardCore

/// LiteLLM's `/utils/token_counter`: `{model, messages}` (or `prompt`) counted by the
/// provider's own counting endpoint where it has one (Anthropic's `count_tokens`, Gemini's
/// `countTokens`), else estimated at about four bytes of the conversation per token.
///
/// The answer is LiteLLM's: `total_tokens`, `request_model`, `model_used`, `tokenizer_type`.
struct TokenCounter: Sendable {
    let gateway: Gateway

    /// Whether `provider` has a counting endpoint.
    static func counts(_ provider: ProviderKind) -> Bool {
        provider == .anthropic || provider == .gemini
    }

    func attempt(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let deployment = candidate.deployment
        let endpoint = deployment.provider.endpoint
        let chat = try Self.conversation(call.request)
        let upstream: UpstreamRequest
        switch deployment.provider {
        case .anthropic:
            var messages = try AnthropicMessagesRequest(openAI: chat, dropUnsupported: true)
            messages.model = candidate.upstreamModel
            upstream = try endpoint.request(
                .countMessageTokens, deployment: deployment, upstreamModel: candidate.upstreamModel,
                body: try SurfaceJSON.encode(AnthropicCountTokensRequest(messages))
            )
        case .gemini:
            var request = try GeminiGenerateContentRequest(openAI: chat, dropUnsupported: true)
            request.extra["model"] = .string("models/\(candidate.upstreamModel)")
            upstream = try endpoint.request(
                .countTokens, deployment: deployment, upstreamModel: candidate.upstreamModel,
                body: try SurfaceJSON.encode(GeminiCountTokensRequest(generateContentRequest: request))
            )
        default:
            return RouteAttempt(value: try Self.estimate(call.request, modelUsed: candidate.upstreamModel), upstreamSeconds: 0, keepsSlot: false)
        }
        let started = gateway.clock.now()
        let answer = try await gateway.exchange(upstream, deployment: deployment, endpoint: endpoint, logger: call.logger)
        let seconds = gateway.clock.now() - started
        let total = answer.body.withUnsafeReadableBytes { raw -> Int? in
            guard let index = try? JSONScanner.indexObject(raw) else { return nil }
            return index.int("input_tokens", in: raw) ?? index.int("totalTokens", in: raw)
        }
        guard let total else {
            throw UpstreamFailure.invalidAnswer("a count without input_tokens or totalTokens", provider: deployment.provider.rawValue)
        }
        let kind = deployment.provider == .anthropic ? "anthropic_api" : "gemini_api"
        return RouteAttempt(value: Self.answer(total, request: call.request, modelUsed: candidate.upstreamModel, tokenizer: kind), upstreamSeconds: seconds, keepsSlot: false)
    }

    /// The estimate, for a deployment with no counting endpoint.
    static func estimate(_ request: OperationRequest, modelUsed: String) throws(GatewayError) -> ProxiedAnswer {
        let chat = try conversation(request)
        let size = (try? JSONEncoder().encode(chat.messages))?.count ?? request.bytes.readableBytes
        return answer(max(1, size / 4), request: request, modelUsed: modelUsed, tokenizer: "byte_estimate")
    }

    /// The request as a chat conversation: its `messages`, or its `prompt` as one user turn.
    static func conversation(_ request: OperationRequest) throws(GatewayError) -> ChatCompletionRequest {
        if request.has("messages") { return try request.decode(ChatCompletionRequest.self) }
        guard let prompt = request.field("prompt") else {
            throw GatewayError(.invalidRequest, "Send 'messages' (a chat conversation) or 'prompt' (a string) to count.", param: "messages", code: "missing_required_parameter")
        }
        return ChatCompletionRequest(model: request.model, messages: [ChatMessage(role: .user, content: .text(prompt))])
    }

    private static func answer(_ total: Int, request: OperationRequest, modelUsed: String, tokenizer: String) -> ProxiedAnswer {
        let body: [String: JSONValue] = [
            "total_tokens": .number(Double(total)),
            "request_model": .string(request.model),
            "model_used": .string(modelUsed),
            "tokenizer_type": .string(tokenizer),
        ]
        let bytes = (try? SurfaceJSON.encode(JSONValue.object(body))) ?? ByteBuffer(string: #"{"total_tokens":\#(total)}"#)
        return ProxiedAnswer(contentType: "application/json", body: .whole(bytes, usage: nil))
    }
}
