import NIOCore

/// One HTTP/1.1 request for ``HTTP1ConnectionPool/execute(_:deadline:)``.
///
/// Only `Host` (when missing) and `Content-Length` are added on the wire; any `Content-Length`
/// or `Transfer-Encoding` given here is replaced, because the body is always sent with a length.
public struct LeanRequest: Sendable {
    /// The request method, for example `"POST"`.
    public var method: String
    /// An absolute `http://` or `https://host[:port]/path?query` URL; IPv6 hosts are written in brackets.
    public var url: String
    /// How the certificate of an `https://` server is checked; ignored for `http://`.
    public var tls: TLSTrust
    /// Header fields in the order they are sent; names are sent as given.
    public var headers: [(name: String, value: String)]
    /// The request body, sent in full with a `Content-Length`.
    public var body: ByteBuffer
    /// When the whole response must have arrived, body included; `nil` bounds only the head
    /// (by the deadline given to ``HTTP1ConnectionPool/execute(_:deadline:)``).
    public var bodyDeadline: NIODeadline?
    /// Upper bound for each wait for response body bytes, in place of the pool's
    /// ``HTTP1ConnectionPool/Configuration/readTimeout``.
    public var readTimeout: TimeAmount?

    /// Creates a request.
    public init(
        method: String = "GET",
        url: String,
        headers: [(name: String, value: String)] = [],
        body: ByteBuffer = ByteBuffer(),
        bodyDeadline: NIODeadline? = nil,
        readTimeout: TimeAmount? = nil,
        tls: TLSTrust = .systemTrustStore
    ) {
        self.tls = tls
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.bodyDeadline = bodyDeadline
        self.readTimeout = readTimeout
    }
}
