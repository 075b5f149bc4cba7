import AsyncHTTPClient
import LeanHTTP
import Logging
import NIOCore
import NIOHTTP1
import SwitchyardCore

/// Sends prepared requests to providers: `http://` and `https://` through the lean keep-alive
/// pool, verified as the deployment's `ssl_verify` says, and `mock://` to the in-process mock.
/// AsyncHTTPClient only carries `https://` when an HTTP proxy stands in front of the providers.
struct UpstreamTransport: Sendable {
    let client: HTTPClient
    let pool: HTTP1ConnectionPool
    let mock: MockProviderHandler
    /// `HTTPS_PROXY` is set: `https://` goes through `client`, which tunnels through the proxy.
    let httpsViaProxy: Bool

    /// Sends `request`; `deadlines` bound the wait for the head, the body, and each gap in it.
    func send(_ request: UpstreamRequest, deadlines: UpstreamDeadlines, logger: Logger) async throws -> UpstreamResponse {
        var request = request
        let trace = UpstreamTraceHeaders.current
        if !trace.isEmpty {
            // The attempt's span is the upstream's parent, whatever trace context the client sent.
            let names = Set(trace.map { $0.name.lowercased() })
            request.headers.removeAll { names.contains($0.name.lowercased()) }
            request.headers.append(contentsOf: trace)
        }
        if request.url.hasPrefix("mock://") {
            let contentType = request.headers.first { $0.name.lowercased() == "content-type" }?.value
            let answer = mock.handle(method: request.method, path: request.pathAndQuery, contentType: contentType, body: request.body)
            var headers: [(name: String, value: String)] = [("content-type", answer.contentType)]
            if let retryAfter = answer.retryAfter { headers.append(("retry-after", String(retryAfter))) }
            return UpstreamResponse(
                status: answer.status,
                headers: headers,
                body: UpstreamBody(source: .buffers(answer.chunks))
            )
        }
        if request.url.hasPrefix("http://") || (!httpsViaProxy && request.url.hasPrefix("https://")) {
            let response = try await pool.execute(
                LeanRequest(
                    method: request.method, url: request.url, headers: request.headers, body: request.body,
                    bodyDeadline: deadlines.body, readTimeout: deadlines.gap, tls: TLSTrust(request.tls)
                ),
                deadline: deadlines.head
            )
            return UpstreamResponse(status: response.status, headers: response.headers, body: UpstreamBody(source: .lean(response.body)))
        }
        var outbound = HTTPClientRequest(url: request.url)
        outbound.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outbound.headers.add(name: header.name, value: header.value)
        }
        outbound.body = .bytes(request.body)
        let response = try await client.execute(outbound, deadline: deadlines.head, logger: logger)
        return UpstreamResponse(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: UpstreamBody(source: .http(response.body, deadlines))
        )
    }
}
