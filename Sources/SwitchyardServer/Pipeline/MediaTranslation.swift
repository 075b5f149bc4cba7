import NIOCore
import SwitchyardCore

/// Media and rerank for a deployment that does not take the client's shape: Gemini's image,
/// speech and transcription models, Jina's and Voyage's rerank.
struct MediaTranslation: Sendable {
    let gateway: Gateway

    func attempt(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        throw candidate.deployment.provider.endpoint.unsupported(call.operation.upstream, candidate.deployment)
    }
}
