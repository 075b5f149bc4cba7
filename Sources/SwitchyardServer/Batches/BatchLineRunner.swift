import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// Runs one line of a batch through the one pipeline, as a request from the batch's key:
/// allowlist, budget, limits, guardrails, cache, route with retries and fallbacks, meter and
/// log, priced at `batch_discount` and logged as `batch/<operation>` with the tag
/// `batch:<id>`.
///
/// It waits instead of failing where waiting helps: while every deployment of the line's
/// model group is at its `rpm`/`tpm` or cooling down (a batch uses spare capacity only, never
/// panic mode), and when the key's own rate or parallel limits refuse it (429). Time is the
/// gateway's clock, so tests move it instead of sleeping.
struct BatchLineRunner: Sendable {
    let gateway: Gateway

    /// The largest answer a line keeps; larger ones are answered as an error line.
    static let maxAnswerBytes = 64 * 1024 * 1024

    /// The line's result and the tokens it used; nil when `stop` turned true while it waited
    /// (it did not run, and runs on a later claim).
    func run(
        _ line: BatchLine, of batch: StoredBatch, operation: GatewayOperation, stop: @Sendable () -> Bool, logger: Logger
    ) async -> (result: BatchLineResult, usage: BatchTokenUsage)? {
        let id = "batch_req_" + HexDigits.random(bytes: 16)
        let requestID = RequestIDs.next()
        var logger = logger
        logger[metadataKey: "switchyard.request_id"] = .string(requestID)
        do {
            let identity = try await gateway.governance.identity(ofOwner: batch.ownerKeyHash)
            let body = ByteBuffer(string: line.body)
            let request = try OperationRequest.parse(body, operation: operation)
            let origin = CallOrigin(
                identity: identity, headers: [:], requestID: requestID, tags: ["batch:\(batch.id)"], callType: BatchEndpoint.callType(operation),
                batchPriced: true, logger: logger
            )
            while true {
                guard try await awaitSpareCapacity(for: request.model, stop: stop) else { return nil }
                do {
                    let response = try await OperationPipeline(gateway: gateway).process(request, bodyBytes: body.readableBytes, origin: origin)
                    let answer = try await answered(response, id: id, requestID: requestID)
                    // Cut short (the replica is going away): no answer of this line is known.
                    return Task.isCancelled ? nil : answer
                } catch let error as GatewayError where Self.waitsOut(error) {
                    // The key's own limits: wait until they reset, then try again.
                    guard !stop() else { return nil }
                    try await gateway.clock.sleep(seconds: max(error.retryAfter ?? 1, 0.05))
                    guard !stop() else { return nil }
                }
            }
        } catch where error is CancellationError || Task.isCancelled {
            return nil
        } catch {
            let failure = (error as? GatewayError) ?? GatewayError(.internalError, "The line could not run: \(error)")
            return (.answered(id: id, status: failure.status, requestID: requestID, body: Self.envelope(failure)), BatchTokenUsage())
        }
    }

    /// Whether a refusal means "later", not "never": a rate or parallel limit of the key,
    /// team or user. A spent budget does not reset by waiting (or not soon), so it fails.
    static func waitsOut(_ error: GatewayError) -> Bool {
        error.kind == .rateLimited && error.code != "budget_exceeded"
    }

    /// Waits while no deployment of `model`'s group has room; false when `stop` turned true.
    private func awaitSpareCapacity(for model: String, stop: @Sendable () -> Bool) async throws -> Bool {
        guard let target = gateway.registry.resolve(model) else { return true }
        while true {
            let wait = gateway.ledger.secondsUntilSpareCapacity(target.candidates)
            guard wait > 0 else { return true }
            guard !stop() else { return false }
            try await gateway.clock.sleep(seconds: wait)
        }
    }

    /// The whole answer, read to its end (which is when the pipeline settles its account).
    private func answered(_ response: Response, id: String, requestID: String) async throws -> (result: BatchLineResult, usage: BatchTokenUsage) {
        let capture = StreamCapture(limit: Self.maxAnswerBytes)
        try await response.body.write(CapturingBodyWriter(inner: nil, capture: capture))
        guard let bytes = capture.captured else {
            let failure = GatewayError(.upstreamUnavailable, "The answer was larger than a batch line keeps (\(Self.maxAnswerBytes) bytes).", code: "answer_too_large")
            return (.answered(id: id, status: failure.status, requestID: requestID, body: Self.envelope(failure)), BatchTokenUsage())
        }
        let status = Int(response.status.code)
        var usage = BatchTokenUsage()
        if (200..<300).contains(status) {
            bytes.withUnsafeReadableBytes { raw in
                if let index = try? JSONScanner.indexObject(raw), let reported = Usage(scanningMemberOf: index, in: raw) {
                    usage = BatchTokenUsage(reported)
                }
            }
        }
        return (.answered(id: id, status: status, requestID: requestID, body: String(buffer: bytes)), usage)
    }

    /// An error as the OpenAI surface answers it: `{"error": {…}}`.
    static func envelope(_ error: GatewayError) -> String {
        String(decoding: ErrorSurface.openAI.body(for: error), as: UTF8.self)
    }
}
