import NIOCore
import SwitchyardCore

/// Embeddings for a deployment of another dialect: a Gemini client's `embedContent` and
/// `batchEmbedContents` to an OpenAI-dialect deployment, and an OpenAI client's embeddings to
/// a Gemini deployment (as `batchEmbedContents`).
struct EmbeddingTranslation: Sendable {
    let gateway: Gateway
    let surface: ErrorSurface

    func attempt(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let deployment = candidate.deployment
        let request = call.request
        let endpoint = deployment.provider.endpoint
        switch surface {
        case .gemini where endpoint.serves(.embeddings):
            let batch = request.operation.upstream == .batchEmbedContents
            let embedding = batch
                ? try EmbeddingRequest(geminiBatch: request.decode(GeminiBatchEmbedContentsRequest.self), model: candidate.upstreamModel, dropUnsupported: true)
                : try EmbeddingRequest(geminiEmbed: request.decode(GeminiEmbedContentRequest.self), model: candidate.upstreamModel, dropUnsupported: true)
            let upstream = try endpoint.request(.embeddings, deployment: deployment, upstreamModel: candidate.upstreamModel, body: try SurfaceJSON.encode(embedding))
            let (payload, seconds) = try await exchange(upstream, call: call, deployment: deployment)
            let decoded = try DialectJSON.decode(EmbeddingResponse.self, from: payload, what: "embeddings answer")
            let usage = payload.withUnsafeReadableBytes { UsageReader.usage(inWhole: $0, dialect: .openAI) }
            let body = batch
                ? try SurfaceJSON.encode(try GeminiBatchEmbedContentsResponse(openAI: decoded))
                : try SurfaceJSON.encode(try GeminiEmbedContentResponse(openAI: decoded))
            return RouteAttempt(value: ProxiedAnswer(contentType: "application/json", body: .whole(body, usage: usage.map(MeteredUsage.init))), upstreamSeconds: seconds, keepsSlot: false)
        case .openAI where endpoint.serves(.batchEmbedContents):
            let embedding = try request.decode(EmbeddingRequest.self)
            let batch = try GeminiBatchEmbedContentsRequest(openAI: embedding, model: candidate.upstreamModel)
            let upstream = try endpoint.request(.batchEmbedContents, deployment: deployment, upstreamModel: candidate.upstreamModel, body: try SurfaceJSON.encode(batch))
            let (payload, seconds) = try await exchange(upstream, call: call, deployment: deployment)
            let decoded = try DialectJSON.decode(GeminiBatchEmbedContentsResponse.self, from: payload, what: "embeddings answer")
            let response = EmbeddingResponse(geminiBatch: decoded, model: request.model, encodingFormat: embedding.encodingFormat)
            return RouteAttempt(
                value: ProxiedAnswer(contentType: "application/json", body: .whole(try SurfaceJSON.encode(response), usage: nil)), upstreamSeconds: seconds, keepsSlot: false
            )
        default:
            throw endpoint.unsupported(request.operation.upstream, deployment)
        }
    }

    private func exchange(_ upstream: UpstreamRequest, call: OperationCall, deployment: Deployment) async throws -> (ByteBuffer, Double) {
        let started = gateway.clock.now()
        let answer = try await gateway.exchange(upstream, deployment: deployment, endpoint: deployment.provider.endpoint, logger: call.logger)
        return (answer.body, gateway.clock.now() - started)
    }
}
