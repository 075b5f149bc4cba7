import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// Relays a same-dialect stream event by event, reading usage on the way. The client sees a
/// 200 only once the first upstream bytes are in, so a deployment that fails before then can
/// still be retried.
struct StreamRelay: Sendable {
    let gateway: Gateway

    /// - Parameters:
    ///   - dropUsageOnlyChunk: leave out the OpenAI usage-only chunk (the client did not ask).
    ///   - failureEvent: the in-stream event written when the upstream breaks mid-stream.
    ///   - rewrite: applied to complete events before they are written (a Responses stream's
    ///     `previous_response_id`).
    ///   - terminal: for a Responses stream, called with the final response object before the
    ///     event carrying it is written (it stores the response, and answers its usage).
    func relay(
        _ upstream: UpstreamRequest,
        call: OperationCall,
        candidate: RouteTarget.Candidate,
        endpoint: any ProviderEndpoint,
        dropUsageOnlyChunk: Bool,
        usageDialect: UsageReader.Dialect,
        failureEvent: @escaping @Sendable (GatewayError) -> ByteBuffer,
        rewrite: (@Sendable (ByteBuffer) -> ByteBuffer)? = nil,
        terminal: (@Sendable ([UInt8]) async -> Usage?)? = nil
    ) async throws -> RouteAttempt<ProxiedAnswer> {
        let deployment = candidate.deployment
        let provider = deployment.provider.rawValue
        let transport = gateway.transport
        let deadlines = UpstreamDeadlines.stream(gapsOf: gateway.streamTimeout(for: deployment))
        let logger = call.logger
        let started = gateway.clock.now()
        let opened: (String?, IteratorBox<UpstreamBody.AsyncIterator>, ByteBuffer?)
        do {
            let response = try await transport.send(upstream, deadlines: deadlines, logger: logger)
            let box = IteratorBox(response.body.makeAsyncIterator())
            guard response.isSuccess else {
                var body = ByteBuffer()
                while body.readableBytes < 1 << 20, var chunk = try await box.iterator.next() { body.writeBuffer(&chunk) }
                throw UpstreamFailure.fromResponse(
                    status: response.status, body: body, retryAfter: response.header("retry-after"), endpoint: endpoint, provider: provider
                )
            }
            let contentType = response.header("content-type")
            guard contentType.map({ $0.lowercased().contains("text/event-stream") }) ?? true else {
                throw UpstreamFailure.invalidAnswer("\(contentType ?? "") instead of an event stream", provider: provider)
            }
            guard let first = try await box.iterator.next() else {
                throw UpstreamFailure.invalidAnswer("an empty stream", provider: provider)
            }
            opened = (contentType, box, first)
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
        let (contentType, box, first) = opened
        let firstByteSeconds = gateway.clock.now() - started
        gateway.metrics.observe(GatewayMetrics.timeToFirstToken, ["model_group": deployment.modelName, "deployment": deployment.id], firstByteSeconds)
        let gateway = gateway
        let meter = call.meter
        let body = ResponseBody { writer in
            defer { gateway.ledger.end(candidate.key) }
            var relay = OpenAIStreamRelay(dropUsageOnlyChunk: dropUsageOnlyChunk, usageDialect: usageDialect)
            var terminalUsage: Usage?
            func write(_ relayed: ByteBuffer) async throws {
                let slice = rewrite.map { $0(relayed) } ?? relayed
                guard let terminal, let found = ResponsesTerminalEvent.find(in: slice) else { return try await writer.write(slice) }
                if found.offset > 0, let before = slice.getSlice(at: slice.readerIndex, length: found.offset) { try await writer.write(before) }
                terminalUsage = await terminal(found.response)
                if let rest = slice.getSlice(at: slice.readerIndex + found.offset, length: slice.readableBytes - found.offset) {
                    try await writer.write(rest)
                }
            }
            if let first {
                for slice in relay.process(first) { try await write(slice) }
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
                for slice in relay.process(chunk) { try await write(slice) }
            }
            if let rest = relay.finish() { try await write(rest) }
            if let failure {
                let error = UpstreamFailure.classify(failure, provider: provider)
                logger.warning("upstream stream broke", metadata: ["switchyard.error": .string(error.message)])
                call.streamBroke()
                try await writer.write(failureEvent(error))
            } else if let usage = relay.usage ?? terminalUsage {
                gateway.record(usage, candidate: candidate, meter: meter)
            }
            try await writer.finish(nil)
        }
        let answer = ProxiedAnswer(contentType: contentType ?? "text/event-stream", body: .stream(body))
        return RouteAttempt(value: answer, upstreamSeconds: firstByteSeconds, keepsSlot: true)
    }
}
