import Logging
import NIOCore
import SwitchyardCore

/// A whole, non-streamed answer from a provider.
struct UpstreamExchange: Sendable {
    var status: Int
    var contentType: String?
    var retryAfter: String?
    var body: ByteBuffer

    var isSuccess: Bool { (200..<300).contains(status) }
}

extension UpstreamTransport {
    /// Sends `request` and collects the whole answer; transport failures (unreachable,
    /// timed out) come back as `GatewayError`s for `provider`.
    ///
    /// An OpenAI-style server sends the head of a non-streamed answer once the answer is
    /// ready, so the deadline on the head bounds the request; the client's read timeout guards
    /// the body. No extra task per request.
    func exchange(_ request: UpstreamRequest, timeout: Double, limit: Int, provider: String, logger: Logger) async throws -> UpstreamExchange {
        do {
            let response = try await send(request, deadline: .after(seconds: timeout), logger: logger)
            let body = try await response.body.collect(upTo: limit)
            return UpstreamExchange(status: response.status, contentType: response.header("content-type"), retryAfter: response.header("retry-after"), body: body)
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
    }
}
