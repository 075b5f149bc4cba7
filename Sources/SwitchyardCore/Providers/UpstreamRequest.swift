import NIOCore

/// An HTTP request to a provider, fully prepared by an adapter.
public struct UpstreamRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: ByteBuffer
    /// How an `https://` upstream's certificate is checked: the deployment's `ssl_verify`.
    public var tls: UpstreamTrust

    public init(
        method: String = "POST", url: String, headers: [(name: String, value: String)], body: ByteBuffer,
        tls: UpstreamTrust = .systemTrustStore
    ) {
        self.tls = tls
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The path and query of `url` (what a local server would route on).
    public var pathAndQuery: String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}
