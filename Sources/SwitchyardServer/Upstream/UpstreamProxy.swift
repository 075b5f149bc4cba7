import AsyncHTTPClient
import Foundation

/// An HTTP proxy in front of the providers (`HTTPS_PROXY` / `https_proxy`): `https://`
/// upstreams are then tunnelled through it with CONNECT, which only AsyncHTTPClient speaks.
public struct UpstreamProxy: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// `user:password` from the proxy URL, sent as basic authorization.
    public var credentials: (user: String, password: String)?

    public init(host: String, port: Int, credentials: (user: String, password: String)? = nil) {
        self.host = host
        self.port = port
        self.credentials = credentials
    }

    /// The proxy named by `HTTPS_PROXY` (or `https_proxy`), if it is an `http://host[:port]` URL.
    public init?(environment: [String: String]) {
        guard let value = environment["HTTPS_PROXY"] ?? environment["https_proxy"], !value.isEmpty else { return nil }
        // A bare `host:port` is an http proxy too, as curl reads it.
        let text = value.contains("://") ? value : "http://" + value
        guard let url = URL(string: text), url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty else { return nil }
        self.host = host
        self.port = url.port ?? 80
        if let user = url.user {
            self.credentials = (user, url.password ?? "")
        }
    }

    /// The same proxy as AsyncHTTPClient configures it.
    var clientProxy: HTTPClient.Configuration.Proxy {
        if let credentials {
            return .server(host: host, port: port, authorization: .basic(username: credentials.user, password: credentials.password))
        }
        return .server(host: host, port: port)
    }

    public static func == (lhs: UpstreamProxy, rhs: UpstreamProxy) -> Bool {
        lhs.host == rhs.host && lhs.port == rhs.port && lhs.credentials?.user == rhs.credentials?.user
            && lhs.credentials?.password == rhs.credentials?.password
    }
}
