import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// Sends a request to a deployment that speaks the client's own dialect: the client's bytes
/// with the model swapped and gateway-only members (and dropped parameters) removed, and the
/// answer relayed as it arrived, never re-encoded.
struct PassThrough: Sendable {
    let gateway: Gateway
    let dialect: ClientDialect

    func attempt(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let deployment = candidate.deployment
        let request = call.request
        // Chat-shaped streams only: the Responses API has no usage chunk to ask for.
        let isOpenAIChat = dialect.surface == .openAI && call.operation.capability != .responses
        let dropped = try dropped(call, deployment: deployment)
        var body: ByteBuffer
        var contentType: String?
        if let form = request.form {
            // The upload as the client sent it, byte for byte, but for the model.
            body = form.rewritten(setting: ["model": candidate.upstreamModel], removing: OperationRequest.gatewayOnlyMembers.union(dropped))
            contentType = call.clientHeaders[.contentType]
        } else if call.operation.answer == .transcript {
            // Audio sent as base64 in JSON: OpenAI's transcription API takes only forms.
            (body, contentType) = try request.multipartBody(model: candidate.upstreamModel, dropping: dropped)
        } else {
            body = request.upstreamBody(
                model: candidate.upstreamModel, dropping: dropped, requestStreamUsage: isOpenAIChat && deployment.provider.acceptsStreamOptions
            )
        }
        if dialect.surface == .gemini {
            body = try GeminiNestedModelNames.renaming(body, operation: call.operation.upstream, requested: request.model, upstreamModel: candidate.upstreamModel)
        }
        let endpoint = deployment.provider.endpoint
        var upstream = try endpoint.request(call.operation.upstream, deployment: deployment, upstreamModel: candidate.upstreamModel, body: body)
        if let contentType {
            upstream.headers.removeAll { $0.name == "content-type" }
            upstream.headers.append(("content-type", contentType))
        }
        for name in deployment.provider.forwardedClientHeaders {
            guard let field = HTTPField.Name(name), let value = call.clientHeaders[field] else { continue }
            upstream.headers.removeAll { $0.name == name }
            upstream.headers.append((name, value))
        }
        if request.stream {
            var terminal: (@Sendable ([UInt8]) async -> Usage?)?
            var rewrite: (@Sendable (ByteBuffer) -> ByteBuffer)?
            if let conversation = call.conversation {
                terminal = { response in await conversation.recordStreamed(response) }
                if let previous = conversation.previousResponseID {
                    rewrite = { events in ResponseEcho.settingPrevious(previous, inEvents: events) }
                }
            }
            return try await StreamRelay(gateway: gateway).relay(
                upstream, call: call, candidate: candidate, endpoint: endpoint,
                dropUsageOnlyChunk: isOpenAIChat && !request.clientWantsStreamUsage,
                usageDialect: dialect.usage, failureEvent: dialect.streamFailure,
                rewrite: rewrite, terminal: terminal
            )
        }
        let provider = deployment.provider.rawValue
        let started = gateway.clock.now()
        let answer = try await gateway.exchange(
            upstream, deployment: deployment, endpoint: endpoint,
            spillingAfter: held(call.operation), logger: call.logger
        )
        let seconds = gateway.clock.now() - started
        gateway.metrics.observe(GatewayMetrics.upstreamDuration, ["model_group": deployment.modelName, "deployment": deployment.id], seconds)
        switch call.operation.answer {
        case .json, .job: break
        case .audio:
            let body = try AudioRelay(gateway: gateway, candidate: candidate, meter: call.meter, request: request)
                .relay(answer, provider: provider, events: request.field("stream_format") == "sse")
            return RouteAttempt(value: body, upstreamSeconds: seconds, keepsSlot: answer.rest != nil)
        case .transcript:
            if let text = try TranscriptAnswer.text(answer, provider: provider) {
                let usage = call.measuredAudio.map { MeteredUsage(seconds: $0) }
                return RouteAttempt(
                    value: ProxiedAnswer(status: answer.status, contentType: answer.contentType ?? "text/plain", body: .whole(text, usage: usage)),
                    upstreamSeconds: seconds, keepsSlot: false
                )
            }
        }
        if let rest = answer.rest {
            if call.conversation?.stores == true {
                call.logger.warning("a response over the held size was passed on and not stored", metadata: ["switchyard.bytes": .stringConvertible(answer.body.readableBytes)])
            }
            let body = try LargeAnswerRelay(gateway: gateway, candidate: candidate, meter: call.meter, request: request, usageDialect: dialect.usage)
                .relay(start: answer.body, rest: rest, provider: provider)
            let proxied = ProxiedAnswer(status: answer.status, contentType: answer.contentType ?? "application/json", body: .stream(body))
            return RouteAttempt(value: proxied, upstreamSeconds: seconds, keepsSlot: true)
        }
        // Every operation here answers a JSON object; anything else is not a success.
        var usage = try answer.body.withUnsafeReadableBytes { raw throws(GatewayError) -> MeteredUsage? in
            guard let index = try? JSONScanner.indexObject(raw) else {
                let what = raw.isEmpty ? "an empty body" : "a body that is not JSON (\(answer.contentType ?? "no content type"))"
                throw UpstreamFailure.invalidAnswer(what, provider: provider)
            }
            return request.meteredUsage(inAnswer: raw, index: index, dialect: dialect.usage)
        }
        if usage?.seconds == nil, let measured = call.measuredAudio, call.operation.answer == .transcript {
            usage = (usage ?? MeteredUsage()).with(seconds: measured)
        }
        var answered = answer.body
        if let conversation = call.conversation, answer.status == 200 {
            var response = Array(answer.body.readableBytesView)
            if let previous = conversation.previousResponseID {
                response = ResponseEcho.settingPrevious(previous, inResponse: response)
                answered = ByteBuffer(bytes: response)
            }
            await conversation.record(response: response)
        }
        let proxied = ProxiedAnswer(status: answer.status, contentType: answer.contentType ?? "application/json", body: .whole(answered, usage: usage))
        return RouteAttempt(value: proxied, upstreamSeconds: seconds, keepsSlot: false)
    }

    /// How much of a whole answer is held before it is passed on as it arrives.
    private func held(_ operation: GatewayOperation) -> Int {
        switch operation.capability {
        case _ where operation.answer == .audio: AudioRelay.heldBytes
        // A response is stored whole before it is answered: held as large as pictures are.
        case .imageGeneration, .imageEdit, .imageVariation, .responses: Gateway.bufferedImageAnswerBytes
        default: Gateway.bufferedAnswerBytes
        }
    }

    /// The parameters to strip for this deployment: the deployment's and the request's
    /// `additional_drop_params`, and (OpenAI dialect) the parameters the provider does not
    /// support when dropping is on; when it is off, those are a 400 naming them.
    private func dropped(_ call: OperationCall, deployment: Deployment) throws(GatewayError) -> Set<String> {
        let controls = call.request.controls
        var dropped = controls.alwaysDropped(for: deployment)
        // The provider's unsupported lists are chat parameters (`n`, `seed`, …).
        guard dialect.surface == .openAI, [.chat, .completions].contains(call.operation.capability) else { return dropped }
        let unsupported = deployment.provider.unsupportedOpenAIParams.filter { call.request.has($0) && !dropped.contains($0) }
        guard !unsupported.isEmpty else { return dropped }
        guard controls.dropsUnsupported(for: deployment, default: gateway.config.litellm.dropParams) else {
            throw GatewayError.unsupportedParameters(unsupported, provider: deployment.provider)
        }
        dropped.formUnion(unsupported)
        return dropped
    }
}

extension GatewayError {
    /// A request parameter the provider has no equivalent for, with dropping off.
    static func unsupportedParameters(_ names: Set<String>, provider: ProviderKind) -> GatewayError {
        let sorted = names.sorted()
        return GatewayError(
            .invalidRequest,
            "\(provider.rawValue) does not support the parameter(s) \(sorted.map { "'\($0)'" }.joined(separator: ", ")). "
                + "Set `litellm_settings.drop_params: true` (or send \"drop_params\": true) to drop them.",
            param: sorted.first,
            code: "unsupported_params"
        )
    }
}
