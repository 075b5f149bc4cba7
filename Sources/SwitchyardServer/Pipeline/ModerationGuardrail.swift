import Foundation
import Logging
import NIOCore
import SwitchyardCore

/// The `moderation` guardrail: asks the configured moderation model (a model group of the
/// gateway's own, reached through its routing) whether a request's texts are flagged. It fails
/// closed: a moderation call that fails stops the request with a 503.
struct ModerationGuardrail: Sendable {
    let gateway: Gateway
    let guardrail: GuardrailDefinition

    /// Whether any of `texts` is flagged.
    func flags(_ texts: [String], requestID: String, logger: Logger) async throws -> Bool {
        guard let model = guardrail.moderationModel, !texts.isEmpty else { return false }
        do {
            // Logged as its own row, on no key: the gateway asked, not the caller.
            let answer = try await OperationPipeline(gateway: gateway).answerOnOwnBehalf(
                ["input": .array(texts.map(JSONValue.string))], model: model, operation: OperationTable.moderations, callType: "guardrail/moderations",
                requestID: requestID + "/moderation", logger: logger
            )
            let moderation = try JSONDecoder().decode(JSONValue.self, from: Data(answer.readableBytesView))
            guard let results = moderation["results"]?.arrayValue else {
                throw GatewayError(.upstreamUnavailable, "the moderation answer has no results", code: "bad_upstream_response")
            }
            return results.contains { $0["flagged"]?.boolValue == true }
        } catch {
            logger.warning("a moderation guardrail could not run", metadata: ["switchyard.guardrail": .string(guardrail.name), "switchyard.error": .string("\(error)")])
            throw GatewayError.guardrailUnavailable(guardrail.name)
        }
    }
}
