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
    /// Sends `request` and collects the whole answer within `timeout` seconds, head and body;
    /// transport failures (unreachable, timed out) come back as `GatewayError`s for `provider`.
    func exchange(_ request: UpstreamRequest, timeout: Double, limit: Int, provider: String, logger: Logger) async throws -> UpstreamExchange {
        do {
            let response = try await send(request, deadlines: .exchange(within: timeout), logger: logger)
            let body = try await response.body.collect(upTo: limit)
            return UpstreamExchange(status: response.status, contentType: response.header("content-type"), retryAfter: response.header("retry-after"), body: body)
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
    }
}
