import Foundation
import HTTPTypes
import Logging
import NIOCore
import SwitchyardCore

/// The guardrails stage: after the key, allowlist, budget and limits, before the cache and the
/// route. It picks the guardrails that apply (`default_on`, the model's, the key's, the
/// body's, narrowed by `x-switchyard-guard`), runs them over every text of the request, and
/// either stops it (403, the upstream never called), or lets it go on, masked where a `mask`
/// guardrail found something.
struct GuardrailStage: Sendable {
    let gateway: Gateway

    /// What the stage decided: the request to send on, and the guardrails that inspect it and
    /// (`post_call`) its answer.
    struct Plan: Sendable {
        var request: OperationRequest
        /// `x-switchyard-guardrails`: the guardrails that inspected the request or its answer.
        var header: String?
        /// The `post_call` guardrails, run over the answer by `AnswerGuard`.
        var answer: [GuardrailDefinition] = []
    }

    func run(_ request: OperationRequest, identity: CallerIdentity, headers: HTTPFields, requestID: String, logger: Logger) async throws -> Plan {
        var inspection = try inspect(request, identity: identity, headers: headers)
        // Only moderation and presidio guardrails wait for a service; the built-in ones
        // decided without suspending.
        if let stages = inspection.stages, stages.asksServices, let texts = inspection.texts, case .pass(let masked) = inspection.outcome {
            inspection.outcome = try await askServices(stages, over: masked ?? texts.texts, masked: masked, requestID: requestID, logger: logger)
        }
        return try conclude(inspection, request: request, logger: logger)
    }

    /// What the built-in guardrails decided, and what the ones that ask a service still need.
    private struct Inspection {
        /// The guardrails selected; nil when none are configured or the surface has no texts.
        var stages: GuardrailSelection.Stages?
        /// The request's texts, when guardrails inspected them.
        var texts: GuardrailTexts?
        var outcome: GuardrailCheck.Outcome = .pass(masked: nil)
    }

    /// Selects the guardrails and runs the built-in ones: no suspension, no service.
    private func inspect(_ request: OperationRequest, identity: CallerIdentity, headers: HTTPFields) throws -> Inspection {
        // One read of the table in force: `gateway.config` would copy the whole config out.
        let routes = gateway.routes
        let configured = routes.config.guardrails
        guard !configured.isEmpty, let surface = GuardrailSurface(operation: request.operation) else { return Inspection() }
        let named = request.has("guardrails") || request.has("metadata") ? try Self.requestNames(request) : GuardrailRequestNames()
        let modelNames = routes.registry.resolve(request.model)?.candidates.flatMap(\.deployment.guardrails) ?? []
        let keyNames = identity.keyHash.flatMap { gateway.governance.ledger.key(hash: $0) }?.guardrails ?? []
        let asked = GuardrailSelection.Asked(model: modelNames, key: keyNames, request: named, override: GuardrailOverride(header: headers[.switchyardGuard]))
        if let unknown = asked.unknownNames(in: configured).first {
            throw GatewayError.invalidRequest("The request names the guardrail '\(unknown)', which is not configured.", param: "guardrails")
        }
        let stages = asked.asksNothing ? routes.defaultGuardrails : GuardrailSelection.Stages(configured: configured, asked: asked)
        var inspection = Inspection(stages: stages)
        guard !stages.request.isEmpty else { return inspection }
        let texts = try GuardrailTexts(request: request, surface: surface)
        inspection.texts = texts
        inspection.outcome = GuardrailCheck(stages.request).run(texts.texts)
        return inspection
    }

    /// The moderation guardrails of `stages`, then the presidio ones, over `texts`: the
    /// request's texts as the built-in ones left them (`masked`, when they masked any).
    private func askServices(
        _ stages: GuardrailSelection.Stages, over texts: [GuardrailText], masked: [GuardrailText]?, requestID: String, logger: Logger
    ) async throws -> GuardrailCheck.Outcome {
        for guardrail in stages.request where guardrail.kind == .moderation {
            let moderation = ModerationGuardrail(gateway: gateway, guardrail: guardrail)
            if try await moderation.flags(texts.map(\.text), requestID: requestID, logger: logger) {
                return .blocked(guardrail: guardrail.name, category: .flaggedContent)
            }
        }
        let screened = try await PresidioGuardrail.screen(texts, by: stages.request, transport: gateway.transport, inspected: stages.header, logger: logger)
        return .pass(masked: screened ?? masked)
    }

    /// The plan, or the 403 of a block.
    private func conclude(_ inspection: Inspection, request: OperationRequest, logger: Logger) throws -> Plan {
        var plan = Plan(request: request, header: inspection.stages?.header, answer: inspection.stages?.answer ?? [])
        switch inspection.outcome {
        case .blocked(let guardrail, let category):
            logger.notice(
                "guardrail blocked a request",
                metadata: ["switchyard.guardrail": .string(guardrail), "switchyard.guardrail_category": .string(category.rawValue)]
            )
            var error = GatewayError.guardrailViolation(guardrail: guardrail, category: category)
            error.headers[HTTPField.Name.guardrails.rawName] = inspection.stages?.header
            throw error
        case .pass(let masked?):
            guard let texts = inspection.texts else { return plan }
            let rewritten = texts.rewriting(request.bytes, with: masked)
            plan.request = try OperationRequest.parse(rewritten, operation: request.operation, pathModel: request.model)
            return plan
        case .pass(nil):
            return plan
        }
    }

    /// The guardrails the body names, from its `guardrails` and `metadata` members alone.
    private static func requestNames(_ request: OperationRequest) throws(GatewayError) -> GuardrailRequestNames {
        do {
            let members = try request.bytes.withUnsafeReadableBytes { raw in
                try ["guardrails", "metadata"].compactMap { name in try request.index.decode(JSONValue.self, name, in: raw).map { (name, $0) } }
            }
            return GuardrailRequestNames(body: .object(Dictionary(members) { _, last in last }))
        } catch {
            throw GatewayError.invalidRequest("The request body is not JSON.")
        }
    }
}

extension HTTPField.Name {
    /// `x-switchyard-guard: none | name,name`: which guardrails a request asks to run.
    static let switchyardGuard = HTTPField.Name("x-switchyard-guard")!
    /// `x-switchyard-guardrails: name,name`: the guardrails that inspected a request.
    static let guardrails = HTTPField.Name("x-switchyard-guardrails")!
}
