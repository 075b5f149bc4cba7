import Foundation
import SwitchyardCore

/// The route stage's attempt for a job operation: the provider's job API is asked to start the
/// job (or a remix) on one deployment, and its answer read as the job's first state. Retries
/// and fallbacks run over it like any attempt; nothing is recorded until one succeeds.
struct JobSubmission: Sendable {
    let gateway: Gateway

    func attempt(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        guard let kind = call.operation.jobKind else { throw GatewayError(.internalError, "\(call.operation.name) is not a job operation.") }
        var deployment = candidate.deployment
        var upstreamModel = candidate.upstreamModel
        if let source = call.remixSource, let original = gateway.deployment(id: source.deploymentID) {
            // The provider knows the source video only where it was made.
            deployment = original
            upstreamModel = original.upstreamModel
        }
        guard let adapter = deployment.provider.jobAdapter(kind) else {
            throw GatewayError(
                .invalidRequest, "\(deployment.provider.rawValue) models make no \(kind.rawValue) jobs (deployment `\(deployment.id)`).",
                code: "unsupported_operation"
            )
        }
        let upstream: UpstreamRequest
        if let source = call.remixSource {
            guard let prompt = call.request.field("prompt"), !prompt.isEmpty else {
                throw GatewayError(.invalidRequest, "Missing required parameter: 'prompt'.", param: "prompt", code: "missing_required_parameter")
            }
            upstream = try adapter.remix(upstreamID: source.upstreamID, prompt: prompt, deployment: deployment)
        } else {
            upstream = try adapter.submit(try call.request.jobSpec(kind: kind), deployment: deployment, upstreamModel: upstreamModel)
        }
        let started = gateway.clock.now()
        let answer = try await gateway.exchange(upstream, deployment: deployment, endpoint: deployment.provider.endpoint, logger: call.logger)
        let snapshot = try adapter.submitted(answer.body)
        return RouteAttempt(
            value: ProxiedAnswer(contentType: "application/json", body: .job(snapshot)), upstreamSeconds: gateway.clock.now() - started, keepsSlot: false
        )
    }
}

extension Gateway {
    /// The configured deployment with this id, if the config still has it.
    func deployment(id: String) -> Deployment? {
        config.deployments.first { $0.id == id }
    }
}
