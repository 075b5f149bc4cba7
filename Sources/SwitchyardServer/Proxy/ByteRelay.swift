import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// Forwards a same-dialect request and its answer as bytes (Anthropic to Anthropic, Gemini
/// to Gemini): whole events as they arrive, nothing re-encoded.
struct ByteRelay: Sendable {
    let gateway: Gateway

    func forward(
        _ upstream: UpstreamRequest,
        candidate: RouteTarget.Candidate,
        group: String,
        usageDialect: UsageReader.Dialect,
        stream: Bool,
        headers: HTTPFields,
        logger: Logger,
        dialect: any ChatDialectProvider,
        failureEvent: @escaping @Sendable (GatewayError) -> ByteBuffer
    ) async throws -> AttemptResult {
        let deployment = candidate.deployment
        let provider = deployment.provider.rawValue
        let transport = gateway.transport
        let started = gateway.clock.now()
        var headers = headers
        if !stream {
            let answer = try await transport.exchange(
                upstream, timeout: gateway.timeout(for: deployment), limit: gateway.maxResponseBytes, provider: provider, logger: logger
            )
            guard answer.isSuccess else {
                throw PivotProxy.failure(status: answer.status, body: answer.body, retryAfter: answer.retryAfter, dialect: dialect, provider: provider)
            }
            let usage = answer.body.withUnsafeReadableBytes { UsageReader.usage(inWhole: $0, dialect: usageDialect) }
            if let usage {
                gateway.record(usage, candidate: candidate, group: group, meter: RequestMeter.current)
                if let cost = CostCalculator.cost(of: usage, modelInfo: deployment.modelInfo) {
                    headers[.creditsUsed] = CostCalculator.format(cost)
                }
            }
            headers[.contentType] = "application/json"
            return AttemptResult(
                response: Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: answer.body)),
                upstreamSeconds: gateway.clock.now() - started,
                isStream: false
            )
        }
        let gateway = gateway
        let meter = RequestMeter.current
        return try await relayStream(
            upstream, candidate: candidate, group: group, headers: headers, logger: logger, dialect: dialect,
            dropUsageOnlyChunk: false, usageDialect: usageDialect,
            onUsage: { usage in gateway.record(usage, candidate: candidate, group: group, meter: meter) },
            failureEvent: failureEvent
        )
    }

    /// Relays a stream event by event. The client sees a 200 only once the first upstream
    /// bytes are in, so a deployment that fails before then can still be retried.
    ///
    /// - Parameters:
    ///   - dropUsageOnlyChunk: leave out the OpenAI usage-only chunk (the client did not ask).
    ///   - onUsage: called with the usage the stream reported, once it ends cleanly.
    func relayStream(
        _ upstream: UpstreamRequest,
        candidate: RouteTarget.Candidate,
        group: String?,
        headers: HTTPFields,
        logger: Logger,
        dialect: any ChatDialectProvider,
        dropUsageOnlyChunk: Bool,
        usageDialect: UsageReader.Dialect = .openAI,
        onUsage: (@Sendable (Usage) -> Void)?,
        failureEvent: @escaping @Sendable (GatewayError) -> ByteBuffer
    ) async throws -> AttemptResult {
        let deployment = candidate.deployment
        let provider = deployment.provider.rawValue
        let transport = gateway.transport
        let timeout = gateway.firstByteTimeout(for: deployment)
        let started = gateway.clock.now()
        let opened: (String?, IteratorBox<UpstreamBody.AsyncIterator>, ByteBuffer?)
        do {
            opened = try await withTimeout(timeout, provider: provider) {
                let response = try await transport.send(upstream, deadline: .after(seconds: timeout), logger: logger)
                let box = IteratorBox(response.body.makeAsyncIterator())
                guard response.isSuccess else {
                    var body = ByteBuffer()
                    while body.readableBytes < 1 << 20, var chunk = try await box.iterator.next() { body.writeBuffer(&chunk) }
                    throw PivotProxy.failure(status: response.status, body: body, retryAfter: response.header("retry-after"), dialect: dialect, provider: provider)
                }
                return (response.header("content-type"), box, try await box.iterator.next())
            }
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
        let (contentType, box, first) = opened
        let firstByteSeconds = gateway.clock.now() - started
        if let group {
            gateway.metrics.observe(GatewayMetrics.timeToFirstToken, ["model_group": group, "deployment": deployment.id], firstByteSeconds)
        }
        var headers = headers
        headers[.contentType] = contentType ?? "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let ledger = gateway.ledger
        let body = ResponseBody { writer in
            defer { ledger.end(candidate.key) }
            var relay = OpenAIStreamRelay(dropUsageOnlyChunk: dropUsageOnlyChunk, usageDialect: usageDialect)
            if let first {
                for slice in relay.process(first) { try await writer.write(slice) }
            }
            var failure: (any Error)?
            while true {
                let chunk: ByteBuffer?
                do {
                    chunk = try await box.iterator.next()
                } catch {
                    failure = error
                    break
                }
                guard let chunk else { break }
                for slice in relay.process(chunk) { try await writer.write(slice) }
            }
            if let rest = relay.finish() { try await writer.write(rest) }
            if let failure {
                let error = UpstreamFailure.classify(failure, provider: provider)
                logger.warning("upstream stream broke", metadata: ["switchyard.error": .string(error.message)])
                try await writer.write(failureEvent(error))
            } else if let usage = relay.usage {
                onUsage?(usage)
            }
            try await writer.finish(nil)
        }
        return AttemptResult(response: Response(status: .ok, headers: headers, body: body), upstreamSeconds: firstByteSeconds, isStream: true)
    }
}
