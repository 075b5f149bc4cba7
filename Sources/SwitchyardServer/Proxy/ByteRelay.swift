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
            headers[.contentType] = "application/json"
            return AttemptResult(
                response: Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: answer.body)),
                upstreamSeconds: gateway.clock.now() - started,
                isStream: false
            )
        }
        let timeout = gateway.firstByteTimeout(for: deployment)
        let opened: (IteratorBox<UpstreamBody.AsyncIterator>, ByteBuffer?)
        do {
            opened = try await withTimeout(timeout, provider: provider) {
                let response = try await transport.send(upstream, deadline: .after(seconds: timeout), logger: logger)
                let box = IteratorBox(response.body.makeAsyncIterator())
                guard response.isSuccess else {
                    var body = ByteBuffer()
                    while body.readableBytes < 1 << 20, var chunk = try await box.iterator.next() { body.writeBuffer(&chunk) }
                    throw PivotProxy.failure(status: response.status, body: body, retryAfter: response.header("retry-after"), dialect: dialect, provider: provider)
                }
                return (box, try await box.iterator.next())
            }
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
        let (box, first) = opened
        let firstByteSeconds = gateway.clock.now() - started
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let ledger = gateway.ledger
        let body = ResponseBody { writer in
            defer { ledger.end(candidate.key) }
            var relay = OpenAIStreamRelay(dropUsageOnlyChunk: false)
            if let first {
                for slice in relay.process(first) { try await writer.write(slice) }
            }
            do {
                while let chunk = try await box.iterator.next() {
                    for slice in relay.process(chunk) { try await writer.write(slice) }
                }
                if let rest = relay.finish() { try await writer.write(rest) }
            } catch where !Task.isCancelled {
                let failure = UpstreamFailure.classify(error, provider: provider)
                logger.warning("upstream stream broke", metadata: ["switchyard.error": .string(failure.message)])
                try await writer.write(failureEvent(failure))
            }
            try await writer.finish(nil)
        }
        return AttemptResult(response: Response(status: .ok, headers: headers, body: body), upstreamSeconds: firstByteSeconds, isStream: true)
    }
}
