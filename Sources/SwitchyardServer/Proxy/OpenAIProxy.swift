import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// Serves the OpenAI surface's proxied operations: resolve the model, pick a deployment,
/// forward the request, and relay the answer without re-encoding it.
struct OpenAIProxy: Sendable {
    let gateway: Gateway

    func handle(_ endpoint: Endpoint, request: Request, context: GatewayRequestContext) async throws -> Response {
        let bytes = try await request.body.collect(upTo: gateway.maxRequestBytes)
        let body = try OpenAIRequestBody.parse(bytes, endpoint: endpoint)
        let engine = RoutingEngine(gateway: gateway)
        let logger = context.logger
        let meter = try gateway.meter(request, context: context, model: body.model, bodyBytes: bytes.readableBytes, callType: endpoint.rawValue)
        return try await engine.run(
            model: body.model,
            models: body.models,
            requestFallbacks: body.fallbacks,
            route: endpoint.rawValue,
            meter: meter,
            logger: logger
        ) { candidate, group in
            try await forward(body, to: candidate, group: group, logger: logger)
        }
    }

    /// One attempt against one deployment.
    private func forward(
        _ body: OpenAIRequestBody,
        to candidate: RouteTarget.Candidate,
        group: String,
        logger: Logger
    ) async throws -> AttemptResult {
        let deployment = candidate.deployment
        switch deployment.provider.dialect {
        case .openAI, .mock: break
        default: return try await translated(body, to: candidate, group: group, logger: logger)
        }
        let upstreamBody = body.upstreamBody(
            model: candidate.upstreamModel,
            dropping: try droppedParameters(body, deployment: deployment),
            requestStreamUsage: deployment.provider.acceptsStreamOptions
        )
        let upstreamRequest = deployment.provider.openAIAdapter.request(
            for: body.endpoint,
            deployment: deployment,
            upstreamModel: candidate.upstreamModel,
            body: upstreamBody
        )
        var headers = HTTPFields()
        headers[.modelUsed] = "\(group); deployment=\(deployment.id)"
        if body.stream {
            return try await stream(upstreamRequest, body: body, candidate: candidate, group: group, headers: headers, logger: logger)
        }
        let timeout = gateway.timeout(for: deployment)
        let provider = deployment.provider.rawValue
        let transport = gateway.transport
        let limit = gateway.maxResponseBytes
        let started = gateway.clock.now()
        let answer = try await transport.exchange(upstreamRequest, timeout: timeout, limit: limit, provider: provider, logger: logger)
        let payload = answer.body
        guard answer.isSuccess else {
            throw UpstreamFailure.fromResponse(status: answer.status, body: payload, retryAfterHeader: answer.retryAfter, provider: provider)
        }
        let upstreamSeconds = gateway.clock.now() - started
        gateway.metrics.observe(GatewayMetrics.upstreamDuration, ["model_group": group, "deployment": deployment.id], upstreamSeconds)
        if let usage = Self.usage(in: payload) {
            gateway.record(usage, candidate: candidate, group: group, meter: RequestMeter.current)
            if let cost = CostCalculator.cost(of: usage, modelInfo: deployment.modelInfo) {
                headers[.creditsUsed] = CostCalculator.format(cost)
            }
        }
        headers[.contentType] = answer.contentType ?? "application/json"
        return AttemptResult(
            response: Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: payload)),
            upstreamSeconds: upstreamSeconds,
            isStream: false
        )
    }

    /// A chat request for a provider of another dialect, through the pivot.
    private func translated(_ body: OpenAIRequestBody, to candidate: RouteTarget.Candidate, group: String, logger: Logger) async throws -> AttemptResult {
        guard body.endpoint == .chatCompletions else {
            throw GatewayError(
                .invalidRequest,
                "\(body.endpoint.rawValue) is not available for \(candidate.deployment.provider.rawValue) models; use chat/completions.",
                code: "unsupported_endpoint"
            )
        }
        var chat = try body.decodedChat()
        chat.model = candidate.upstreamModel
        let answer = try await PivotProxy(gateway: gateway).send(
            chat, to: candidate, requestedModel: body.model, includeUsage: body.clientWantsStreamUsage, logger: logger
        )
        var headers = HTTPFields()
        headers[.modelUsed] = "\(group); deployment=\(candidate.deployment.id)"
        return try PivotResponder(gateway: gateway).respond(
            answer, candidate: candidate, group: group, headers: headers, encoder: OpenAISSEEncoder(), logger: logger
        ) { response in
            var response = response
            response.model = body.model
            return try SurfaceJSON.encode(response)
        }
    }

    /// Relays a stream as bytes, hiding the usage chunk the client did not ask for.
    private func stream(
        _ upstreamRequest: UpstreamRequest,
        body: OpenAIRequestBody,
        candidate: RouteTarget.Candidate,
        group: String,
        headers: HTTPFields,
        logger: Logger
    ) async throws -> AttemptResult {
        let modelInfo = candidate.deployment.modelInfo
        let gateway = gateway
        let meter = RequestMeter.current
        return try await ByteRelay(gateway: gateway).relayStream(
            upstreamRequest, candidate: candidate, group: group, headers: headers, logger: logger,
            dialect: candidate.deployment.provider.chatDialect,
            dropUsageOnlyChunk: !body.clientWantsStreamUsage,
            onUsage: { usage in
                gateway.record(usage, candidate: candidate, group: group, meter: meter)
                let cost = CostCalculator.cost(of: usage, modelInfo: modelInfo)
                logger.debug(
                    "stream finished",
                    metadata: [
                        "switchyard.prompt_tokens": .stringConvertible(usage.promptTokens),
                        "switchyard.completion_tokens": .stringConvertible(usage.completionTokens),
                        "switchyard.cost": .string(cost.map(CostCalculator.format) ?? "unknown"),
                    ]
                )
            },
            failureEvent: StreamErrorEvent.openAI
        )
    }

    /// The parameters to strip for this deployment, or a 400 when one is unsupported and
    /// dropping is off.
    private func droppedParameters(_ body: OpenAIRequestBody, deployment: Deployment) throws(GatewayError) -> Set<String> {
        var dropped = Set(deployment.additionalDropParams)
        let unsupported = deployment.provider.unsupportedOpenAIParams.filter { body.has($0) }
        guard !unsupported.isEmpty else { return dropped }
        let dropEnabled = deployment.dropParams ?? body.dropParams ?? gateway.config.litellm.dropParams
        guard dropEnabled else {
            let names = unsupported.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw GatewayError(
                .invalidRequest,
                "\(deployment.provider.rawValue) does not support the parameter(s) \(names). "
                    + "Set `litellm_settings.drop_params: true` (or send \"drop_params\": true) to drop them.",
                param: unsupported.sorted().first,
                code: "unsupported_params"
            )
        }
        dropped.formUnion(unsupported)
        return dropped
    }

    static func usage(in payload: ByteBuffer) -> Usage? {
        payload.withUnsafeReadableBytes { raw in
            guard let index = try? JSONScanner.indexObject(raw) else { return nil }
            return Usage(scanningMemberOf: index, in: raw)
        }
    }
}

/// How a failure after a stream's headers were sent reaches the client: one final event.
enum StreamErrorEvent {
    static func openAI(_ error: GatewayError) -> ByteBuffer {
        var buffer = ByteBuffer(string: "data: ")
        buffer.writeBytes(ErrorSurface.openAI.body(for: error))
        buffer.writeString("\n\n")
        return buffer
    }
}
