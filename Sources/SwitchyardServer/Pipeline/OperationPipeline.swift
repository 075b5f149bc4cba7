import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// Runs any row of `OperationTable` through the same stages in one order: key → body →
/// allowlist (every model the client names) → budget → rate limits → guardrails → the
/// conversation and files the content names → cache → route → meter → settle → log. Errors come back in the envelope of the operation's surface.
struct OperationPipeline: Sendable {
    let gateway: Gateway

    /// - Parameter remixSource: for a remix, the stored video it starts from (its model group
    ///   is `pathModel`).
    func respond(
        _ operation: GatewayOperation, to request: Request, context: GatewayRequestContext, pathModel: String? = nil, remixSource: MediaJob? = nil
    ) async -> Response {
        do {
            return try await run(operation, request: request, context: context, pathModel: pathModel, remixSource: remixSource)
        } catch {
            if (error as? GatewayError)?.code == "guardrail_violation" {
                gateway.metrics.increment(GatewayMetrics.guardrailBlocks, ["route": operation.name])
            }
            return GatewayErrorMiddleware.response(for: error, request: request, context: context, surface: operation.surface)
        }
    }

    private func run(
        _ operation: GatewayOperation, request: Request, context: GatewayRequestContext, pathModel: String?, remixSource: MediaJob?
    ) async throws -> Response {
        // Key.
        let presented = AuthMiddleware.presentedKey(request)
        let identity: CallerIdentity
        do {
            identity = try await gateway.governance.identify(presented)
        } catch let refusal as GatewayError where refusal.code == "key_blocked" || refusal.code == "key_expired" {
            let body = try? await request.body.collect(upTo: gateway.maxRequestBytes)
            let model = pathModel ?? body.flatMap { try? OperationRequest.parse($0, contentType: request.headers[.contentType], operation: operation, pathModel: nil) }?.model
            gateway.governance.logRefusal(
                presentedKey: presented, status: refusal.status, modelGroup: model ?? "", callType: operation.name, requestID: context.requestID,
                tags: Gateway.tags(request)
            )
            throw refusal
        }
        let registry = gateway.registry
        if let pathModel, registry.resolve(pathModel) == nil {
            // A model in the path is judged before the body, as the provider's own API does;
            // the refusal is admitted and logged like an unknown model named in a body.
            let meter = try gateway.governance.meter(
                identity: identity, models: [pathModel], estimate: 0, modelGroup: pathModel, callType: operation.name, requestID: context.requestID,
                tags: Gateway.tags(request), logger: context.logger
            )
            meter.finish(status: 404)
            throw GatewayError.modelNotFound(pathModel)
        }
        let bytes = try await request.body.collect(upTo: gateway.maxRequestBytes)
        let parsed = try OperationRequest.parse(bytes, contentType: request.headers[.contentType], operation: operation, pathModel: pathModel)
        let origin = CallOrigin(
            identity: identity, headers: request.headers, requestID: context.requestID, tags: Gateway.tags(request), callType: operation.name,
            remixSource: remixSource, logger: context.logger
        )
        return try await process(parsed, bodyBytes: bytes.readableBytes, origin: origin)
    }

    /// Every stage after the request is read, from admission to the log: HTTP requests and
    /// batch lines (`BatchLineRunner`) both run through here, so neither can skip one.
    func process(_ request: OperationRequest, bodyBytes: Int, origin: CallOrigin) async throws -> Response {
        var parsed = request
        let operation = parsed.operation
        let registry = gateway.registry
        let trace = gateway.tracer?.startRequest(operation, model: parsed.model, clientHeaders: origin.headers, requestID: origin.requestID)
        let meter: RequestMeter
        do {
            meter = try admit(parsed, bodyBytes: bodyBytes, origin: origin, trace: trace)
        } catch {
            trace?.end(refusal: error)
            throw error
        }
        // Guardrails, then (Responses) the conversation the request carries on, then the cache.
        var conversation: ResponsesConversation?
        let guardrails: GuardrailStage.Plan
        let cache = CacheStage(gateway: gateway)
        let cached: CacheStage.Lookup
        do {
            guardrails = try await GuardrailStage(gateway: gateway)
                .run(parsed, identity: origin.identity, headers: origin.headers, requestID: origin.requestID, logger: origin.logger)
            parsed = guardrails.request
            let owner = gateway.governance.owner(origin.identity)
            if operation.capability == .responses {
                (conversation, parsed) = try await ResponsesConversation.open(parsed, owner: owner, gateway: gateway, logger: origin.logger)
            }
            // The gateway's files the content names go inline (the owner's only) before the
            // cache key is taken, so a cached answer is never one about another key's file.
            parsed = try await FileInlining(files: gateway.files).inline(parsed, owner: owner)
            // An answer post_call guardrails must see is never served from the cache (a copy
            // kept for a request they did not inspect) nor kept in it.
            cached = try await cache.lookup(
                parsed, headers: origin.headers, answerGuarded: !guardrails.answer.isEmpty, requestID: origin.requestID, logger: origin.logger
            )
        } catch {
            meter.finish(status: (error as? GatewayError)?.status ?? 500)
            throw error
        }
        let call = OperationCall(
            request: parsed, clientHeaders: origin.headers, meter: meter, logger: origin.logger, conversation: conversation,
            guardrailsHeader: guardrails.header, answerGuard: AnswerGuard(guardrails.answer, operation: operation, transport: gateway.transport, logger: origin.logger),
            remixSource: origin.remixSource
        )
        let started = gateway.clock.now()
        let label = registry.metricsLabel(parsed.model)
        switch cached {
        case .hit: trace?.noteCache(CacheStage.CacheStatus.hit.rawValue)
        case .proceed(let status, _): trace?.noteCache(status.rawValue)
        case .off: break
        }
        if case .hit(let answer, let similarity) = cached {
            let response = cache.respond(answer, similarity: similarity, call: call)
            gateway.metrics.increment(GatewayMetrics.requests, ["route": operation.name, "model_group": label, "status": String(response.status.code)])
            gateway.metrics.observe(GatewayMetrics.requestDuration, ["model_group": label], gateway.clock.now() - started)
            return response
        }
        do {
            var routed = try await route(call)
            if case .job(let snapshot) = routed.value.body {
                let job = try await gateway.jobs.accept(
                    snapshot, deployment: routed.candidate.deployment, call: call, owner: gateway.governance.owner(origin.identity),
                    requestID: origin.requestID, tags: origin.tags
                )
                call.meter.observe(deployment: routed.candidate.deployment)
                call.meter.finishAsJob()
                gateway.metrics.increment(GatewayMetrics.requests, ["route": operation.name, "model_group": label, "status": "200"])
                return Response(status: .ok, headers: gatewayHeaders(routed, call: call), body: ResponseBody(byteBuffer: try SurfaceJSON.encode(JobObject(job))))
            }
            var status: CacheStage.CacheStatus?
            if case .proceed(let result, let write) = cached {
                status = result
                routed.value = await cache.keeping(routed.value, write: write, call: call)
            }
            var response = await finish(routed, call: call)
            if let status { response.headers[.switchyardCache] = status.rawValue }
            let elapsed = gateway.clock.now() - started
            gateway.metrics.increment(GatewayMetrics.requests, ["route": operation.name, "model_group": label, "status": String(response.status.code)])
            gateway.metrics.observe(GatewayMetrics.requestDuration, ["model_group": label], elapsed)
            gateway.metrics.observe(GatewayMetrics.gatewayOverhead, ["model_group": label], max(0, elapsed - routed.upstreamSeconds))
            return response
        } catch {
            let status = error is CancellationError || Task.isCancelled ? 499 : (error as? GatewayError)?.status ?? 500
            meter.finish(status: status)
            gateway.metrics.increment(GatewayMetrics.requests, ["route": operation.name, "model_group": label, "status": String(status)])
            if case .proceed(let result, _) = cached, var failure = error as? GatewayError {
                failure.headers[HTTPField.Name.switchyardCache.rawName] = result.rawValue
                throw failure
            }
            throw error
        }
    }

    /// An operation the gateway calls on its own behalf (a guardrail's moderation model, the
    /// semantic cache's embedding model): `body` sent to the model group `model`, routed and
    /// retried like any request, logged as a row of its own (`callType`, the client request's
    /// id with `/suffix`) on no key; its whole answer returned.
    func answerOnOwnBehalf(
        _ body: [String: JSONValue], model: String, operation: GatewayOperation, callType: String, requestID: String, logger: Logger
    ) async throws -> ByteBuffer {
        var body = body
        body["model"] = .string(model)
        let request = try OperationRequest.parse(ByteBuffer(bytes: try JSONEncoder().encode(body)), operation: operation)
        let meter = try gateway.governance.meter(
            identity: .master, models: [model], estimate: 0, modelGroup: model, callType: callType, requestID: requestID, tags: [], logger: logger
        )
        return try await answer(request, meter: meter, logger: logger)
    }

    /// An operation the gateway calls on its own behalf: routed, retried and logged like any
    /// request on `meter`; its whole answer returned.
    func answer(_ request: OperationRequest, meter: RequestMeter, logger: Logger) async throws -> ByteBuffer {
        let call = OperationCall(request: request, clientHeaders: [:], meter: meter, logger: logger)
        do {
            let routed = try await route(call)
            guard case .whole(let body, let usage) = routed.value.body else {
                if case .stream(let body) = routed.value.body { Task { try? await body.write(RefusingWriter()) } }
                throw GatewayError(.upstreamUnavailable, "\(request.operation.name) answered with a stream.", code: "bad_upstream_response")
            }
            if let usage { gateway.record(usage, candidate: routed.candidate, meter: meter) }
            meter.finish(status: routed.value.status)
            guard routed.value.status < 300 else {
                throw GatewayError(.upstream(status: routed.value.status), "\(request.operation.name) answered \(routed.value.status).")
            }
            return body
        } catch {
            meter.finish(status: (error as? GatewayError)?.status ?? 500)
            throw error
        }
    }

    /// The admission stage: allowlist, budget, rate and parallel limits in one admission,
    /// which opens the request's account.
    private func admit(_ parsed: OperationRequest, bodyBytes: Int, origin: CallOrigin, trace: RequestTrace?) throws(GatewayError) -> RequestMeter {
        let operation = parsed.operation
        return try gateway.governance.meter(
            identity: origin.identity,
            models: parsed.plan.clientNamedModels,
            estimate: estimate(parsed, bodyBytes: bodyBytes, batchPriced: origin.batchPriced, remixSource: origin.remixSource),
            modelGroup: parsed.model,
            callType: origin.callType,
            requestID: origin.requestID,
            tags: origin.tags,
            charged: operation.meter != .free,
            batchPriced: origin.batchPriced,
            // A job holds its estimate for minutes: it must fit in what is left.
            mustFit: operation.answer == .job,
            trace: trace,
            logger: origin.logger
        )
    }

    /// What the budget holds before the request runs: its units at the first deployment's
    /// prices (images, characters…), else its body as prompt tokens and its output limit.
    /// A batch line's hold is at its batch price, as its charge will be; a job's is the length
    /// asked for (a remix's, its source's) at the deployment's prices.
    private func estimate(_ request: OperationRequest, bodyBytes: Int, batchPriced: Bool, remixSource: MediaJob?) -> Double {
        guard request.operation.meter != .free else { return 0 }
        let modelInfo = gateway.registry.resolve(request.model)?.candidates.first?.deployment.modelInfo ?? ModelInfo()
        let discount = batchPriced ? modelInfo.batchDiscount : 1
        if let units = remixSource?.meteredUsage ?? request.estimatedUnits, let charge = CostCalculator.charge(of: units, modelInfo: modelInfo) {
            return charge.cost * discount
        }
        return CostCalculator.estimate(bodyBytes: bodyBytes, maxTokens: request.maxOutputTokens, modelInfo: modelInfo) * discount
    }

    /// The route stage: the routing loop over the model's group and its fallbacks.
    private func route(_ call: OperationCall) async throws -> RoutedAnswer<ProxiedAnswer> {
        let operation = call.operation
        if operation.capability == .tokenCounting, let target = gateway.registry.resolve(call.model),
            !target.candidates.contains(where: { serves($0.deployment.provider, operation) }), let first = target.candidates.first
        {
            // No deployment can count: the gateway estimates, without an upstream attempt that
            // would skew the deployments' latency.
            return RoutedAnswer(value: try TokenCountEstimate.answer(call.request), upstreamSeconds: 0, group: target.group, candidate: first, fallbackDepth: 0)
        }
        if operation.capability == .tokenCounter, let target = gateway.registry.resolve(call.model),
            !target.candidates.contains(where: { TokenCounter.counts($0.deployment.provider) }), let first = target.candidates.first
        {
            let answer = try TokenCounter.estimate(call.request, modelUsed: first.upstreamModel)
            return RoutedAnswer(value: answer, upstreamSeconds: 0, group: target.group, candidate: first, fallbackDepth: 0)
        }
        let pipeline = self
        return try await gateway.routing.run(call.request.plan, logger: call.logger) { candidate, _ in
            guard let trace = call.meter.trace else { return try await pipeline.attempt(call, candidate: candidate) }
            return try await trace.attempt(candidate) { try await pipeline.attempt(call, candidate: candidate) }
        }
    }

    /// One attempt against one deployment: the client's bytes when it speaks the client's
    /// dialect, else the operation's translation.
    private func attempt(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let operation = call.operation
        let provider = candidate.deployment.provider
        if operation.answer == .job {
            // The provider's answer becomes a job the gateway runs, never passed through.
            return try await JobSubmission(gateway: gateway).attempt(call, candidate: candidate)
        }
        if serves(provider, operation) {
            return try await PassThrough(gateway: gateway, dialect: ClientDialect(surface: operation.surface)).attempt(call, candidate: candidate)
        }
        switch operation.capability {
        case .chat:
            return try await ChatTranslation(gateway: gateway, surface: operation.surface).attempt(call, candidate: candidate)
        case .responses:
            guard let conversation = call.conversation else { throw GatewayError(.internalError, "A Responses request without its conversation.") }
            return try await ResponsesTranslation(gateway: gateway, conversation: conversation).attempt(call, candidate: candidate)
        case .embeddings:
            return try await EmbeddingTranslation(gateway: gateway, surface: operation.surface).attempt(call, candidate: candidate)
        case .tokenCounting:
            return RouteAttempt(value: try TokenCountEstimate.answer(call.request), upstreamSeconds: 0, keepsSlot: false)
        case .tokenCounter:
            return try await TokenCounter(gateway: gateway).attempt(call, candidate: candidate)
        case .imageGeneration, .imageEdit, .imageVariation, .speech, .transcription, .translation, .rerank:
            return try await MediaTranslation(gateway: gateway).attempt(call, candidate: candidate)
        case .completions, .moderation, .ocr, .videoGeneration, .videoRemix, .musicGeneration:
            throw provider.endpoint.unsupported(operation.upstream, candidate.deployment)
        }
    }

    /// Whether `provider` takes the operation's bytes as they are.
    private func serves(_ provider: ProviderKind, _ operation: GatewayOperation) -> Bool {
        ClientDialect(surface: operation.surface).isOwnDialect(provider) && provider.endpoint.serves(operation.upstream)
    }

    /// The meter and settle stages, and the gateway's response headers: a whole answer is
    /// charged and settled now, a stream when its last byte is written.
    private func finish(_ routed: RoutedAnswer<ProxiedAnswer>, call: OperationCall) async -> Response {
        let answer = routed.value
        let candidate = routed.candidate
        let meter = call.meter
        var headers = gatewayHeaders(routed, call: call)
        let status = answer.status
        switch answer.body {
        case .whole(let body, let usage):
            if let usage {
                if let cost = gateway.record(usage, candidate: candidate, meter: meter) {
                    // The header alone is in credits; everything else counts USD.
                    headers[.creditsUsed] = CostCalculator.format(cost * gateway.config.general.creditsPerUSD)
                }
            } else {
                meter.observe(deployment: candidate.deployment)
            }
            if status < 300, let violation = await call.answerGuard?.violation(in: body) {
                // Charged: the upstream answered. Not passed on.
                meter.finish(status: violation.status)
                var error = violation
                for field in headers where field.name != .contentType { error.headers[field.name.rawName] = field.value }
                return ErrorResponse.make(error, surface: call.operation.surface)
            }
            meter.finish(status: status)
            return Response(status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: body))
        case .stream(let relayed):
            var body = relayed
            if let answerGuard = call.answerGuard, status < 300 {
                // An answer the guardrails cannot read as events (one too large to hold) is not
                // let through; running its body to a writer that refuses everything ends it
                // and frees the deployment's slot.
                guard answer.contentType.lowercased().contains("text/event-stream") else {
                    meter.finish(status: 502)
                    Task { try? await relayed.write(RefusingWriter()) }
                    return ErrorResponse.make(
                        GatewayError(.upstreamUnavailable, "The answer was too large for its guardrails to inspect.", code: "guardrail_unreadable_answer"),
                        surface: call.operation.surface
                    )
                }
                body = answerGuard.guarding(relayed)
            }
            let guarded = body
            headers[.cacheControl] = "no-cache"
            if let cost = answer.knownCost {
                headers[.creditsUsed] = CostCalculator.format(cost * gateway.config.general.creditsPerUSD)
            }
            meter.observe(deployment: candidate.deployment)
            let settled = ResponseBody { writer in
                defer { meter.finish(status: status) }
                try await guarded.write(writer)
            }
            return Response(status: .init(code: status), headers: headers, body: settled)
        case .job:
            // Recorded by `run` before the answer is finished; never reaches here.
            meter.finish(status: 500)
            return ErrorResponse.make(GatewayError(.internalError, "A job answer was not recorded."), surface: call.operation.surface)
        }
    }

    /// The headers every answer carries: its content type, the model and deployment that
    /// answered, fallbacks, guardrails and rate limits.
    private func gatewayHeaders(_ routed: RoutedAnswer<ProxiedAnswer>, call: OperationCall) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = routed.value.contentType
        headers[.modelUsed] = "\(routed.group); deployment=\(routed.candidate.deployment.id)"
        if routed.fallbackDepth > 0 {
            headers[.fallbackFrom] = call.model
            headers[.fallbackDepth] = String(routed.fallbackDepth)
        }
        if let bridged = routed.bridgedFrom { headers[.bridgedFrom] = bridged }
        if let inspected = call.guardrailsHeader { headers[.guardrails] = inspected }
        call.meter.addRateLimitHeaders(to: &headers)
        return headers
    }
}

extension HTTPField.Name {
    static let fallbackFrom = HTTPField.Name("x-fallback-from")!
    static let fallbackDepth = HTTPField.Name("x-fallback-depth")!
    static let bridgedFrom = HTTPField.Name("x-bridged-from")!
}
