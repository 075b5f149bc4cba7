import NIOCore

/// The built-in mock provider, answered in-process (`mock://` URLs never leave the gateway).
public struct MockAdapter: ProviderAdapter {
    public init() {}

    public func request(for endpoint: Endpoint, deployment: Deployment, upstreamModel: String, body: ByteBuffer) -> UpstreamRequest {
        UpstreamRequest(url: "mock://\(upstreamModel)/v1\(endpoint.path)", headers: [("content-type", "application/json")], body: body)
    }
}
