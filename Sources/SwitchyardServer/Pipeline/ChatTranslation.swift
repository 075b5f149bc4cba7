import Foundation
import NIOCore
import SwitchyardCore

/// A chat operation for a deployment of another dialect: the client's request through the
/// OpenAI pivot into the provider's dialect, and the answer (whole or streamed) back into the
/// client's.
struct ChatTranslation: Sendable {
    let gateway: Gateway
    let surface: ErrorSurface

    /// The pivot form of the client's request: its body decoded in the surface's dialect and
    /// translated into OpenAI's. A body the translation cannot take is a 400.
    static func pivot(_ request: OperationRequest, dropUnsupported drop: Bool) throws(GatewayError) -> ChatCompletionRequest {
        do {
            switch request.operation.surface {
            case .openAI where request.operation.capability == .responses:
                // The conversation's earlier turns are already in `input` (ResponsesConversation).
                return try ChatCompletionRequest(responses: request.decode(ResponsesRequest.self), history: [], dropUnsupported: drop)
            case .openAI:
                return try request.decode(ChatCompletionRequest.self)
            case .anthropic:
                return try ChatCompletionRequest(anthropic: request.decode(AnthropicMessagesRequest.self), dropUnsupported: drop)
            case .gemini:
                let parsed = try request.decode(GeminiGenerateContentRequest.self)
                return try ChatCompletionRequest(gemini: parsed, model: request.model, stream: request.stream, dropUnsupported: drop)
            }
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError.invalidRequest("\(error)")
        }
    }

    func attempt(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let drop = call.request.controls.dropsUnsupported(for: candidate.deployment, default: gateway.config.litellm.dropParams)
        var chat = try call.pivot(dropUnsupported: drop)
        chat.model = candidate.upstreamModel
        let includeUsage = surface == .openAI ? call.request.clientWantsStreamUsage : true
        let answer = try await PivotProxy(gateway: gateway).send(
            chat, to: candidate, requestedModel: call.model, includeUsage: includeUsage, dropUnsupported: drop, logger: call.logger
        )
        return try await PivotResponder(gateway: gateway).respond(answer, call: call, candidate: candidate, encoder: encoder(call)) { response in
            try render(response, model: call.model)
        }
    }

    private func encoder(_ call: OperationCall) -> any PivotStreamEncoder {
        switch surface {
        case .openAI:
            return OpenAISSEEncoder()
        case .anthropic:
            // message_start must carry input_tokens before any provider but Anthropic reports
            // them: about four bytes a token until message_delta gives the real count.
            let estimate = max(1, call.request.bytes.readableBytes / 4)
            return AnthropicSSEEncoder(stream: OpenAIToAnthropicStream(requestedModel: call.model, estimatedInputTokens: estimate))
        case .gemini:
            let responseID = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            return GeminiSSEEncoder(stream: OpenAIToGeminiStream(model: call.model, responseId: String(responseID)))
        }
    }

    private func render(_ response: ChatCompletionResponse, model: String) throws -> ByteBuffer {
        var response = response
        response.model = model
        switch surface {
        case .openAI: return try SurfaceJSON.encode(response)
        case .anthropic: return try SurfaceJSON.encode(AnthropicMessagesResponse(openAI: response, requestedModel: model))
        case .gemini: return try SurfaceJSON.encode(GeminiGenerateContentResponse(openAI: response))
        }
    }
}
