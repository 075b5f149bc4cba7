import Logging
import NIOCore
import SwitchyardCore

/// A whole, non-streamed answer from a provider.
struct UpstreamExchange: Sendable {
    var status: Int
    var contentType: String?
    var retryAfter: String?
    var body: ByteBuffer
    /// What is still to come of a body too large to buffer: `body` is then only its start.
    var rest: IteratorBox<UpstreamBody.AsyncIterator>?

    var isSuccess: Bool { (200..<300).contains(status) }
}

extension UpstreamTransport {
    /// Sends `request` and collects the whole answer within `timeout` seconds, head and body;
    /// transport failures (unreachable, timed out) come back as `GatewayError`s for `provider`.
    ///
    /// With `spillingAfter`, a successful answer larger than that is not held whole: the
    /// exchange comes back with its first part and the rest still to read.
    func exchange(
        _ request: UpstreamRequest, timeout: Double, limit: Int, spillingAfter threshold: Int? = nil, provider: String, logger: Logger
    ) async throws -> UpstreamExchange {
        do {
            let response = try await send(request, deadlines: .exchange(within: timeout), logger: logger)
            if let declared = response.header("content-length").flatMap(Int.init), declared > limit {
                // Refused from its declared length, before a byte of it is passed on.
                throw UpstreamFailure.invalidAnswer("a body of \(declared) bytes, over the \(limit)-byte limit", provider: provider)
            }
            var rest: IteratorBox<UpstreamBody.AsyncIterator>?
            let body: ByteBuffer
            if let threshold, response.isSuccess {
                (body, rest) = try await response.body.collect(spillingAfter: threshold)
            } else {
                body = try await response.body.collect(upTo: limit)
            }
            return UpstreamExchange(
                status: response.status, contentType: response.header("content-type"), retryAfter: response.header("retry-after"), body: body, rest: rest
            )
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
    }
}
