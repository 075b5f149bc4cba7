/// Why a request through ``HTTP1ConnectionPool`` failed.
///
/// Cancellation is reported as Swift's `CancellationError`, not as a case here, so that callers
/// can treat it like any other cancelled task.
public enum LeanHTTPError: Error, Sendable, CustomStringConvertible {
    /// The URL could not be parsed (missing host, bad port, user info, spaces or control characters).
    case invalidURL
    /// The URL's scheme is neither `http` nor `https`.
    case unsupportedScheme
    /// A header name or value, or the method, contains bytes that would break HTTP/1.1 framing.
    case invalidHeader
    /// The TCP connection was not established within `Configuration.connectTimeout`.
    case connectTimeout
    /// The TCP connection could not be established (refused, unreachable, name not resolved).
    case connectFailed(any Error)
    /// The deadline passed before the response head arrived (this includes connecting), or
    /// the request's ``LeanRequest/bodyDeadline`` before the whole body did.
    case deadlineExceeded
    /// No body bytes arrived within `Configuration.readTimeout` while the client was waiting for them.
    case readTimeout
    /// The server closed the connection before the full response arrived.
    case connectionClosed
    /// `LeanBody.collect(upTo:)` saw more bytes than the limit.
    case bodyTooLarge
    /// The server sent bytes that are not a valid HTTP/1.1 response.
    case invalidResponse(any Error)
    /// The connection failed with an I/O error (for example a reset) while a request was in flight.
    case ioError(any Error)
    /// The pool was shut down.
    case poolShutdown
    /// The TLS handshake failed, the server's certificate was refused (untrusted chain,
    /// expired, or not naming the host), or the TLS layer failed later on.
    case tlsFailed(any Error)
    /// The request's ``TLSTrust`` cannot be used, for example a CA bundle file that does not
    /// exist or holds no certificate.
    case tlsConfigurationInvalid(any Error)
    /// No connection to the host became free before the deadline: the pool's
    /// ``HTTP1ConnectionPool/Configuration/maxConnectionsPerHost`` were all busy.
    case poolWaitTimeout

    public var description: String {
        switch self {
        case .invalidURL: "invalid URL"
        case .unsupportedScheme: "unsupported URL scheme (only http:// and https:// are supported)"
        case .invalidHeader: "invalid header name or value"
        case .connectTimeout: "connect timeout"
        case .connectFailed(let error): "connect failed: \(error)"
        case .deadlineExceeded: "deadline exceeded before the response arrived"
        case .readTimeout: "read timeout while waiting for response body bytes"
        case .connectionClosed: "connection closed before the full response arrived"
        case .bodyTooLarge: "response body larger than the allowed limit"
        case .invalidResponse(let error): "invalid HTTP response: \(error)"
        case .ioError(let error): "I/O error: \(error)"
        case .poolShutdown: "connection pool is shut down"
        case .tlsFailed(let error): "TLS failed: \(error)"
        case .tlsConfigurationInvalid(let error): "invalid TLS configuration: \(error)"
        case .poolWaitTimeout: "no connection to the host became free before the deadline"
        }
    }
}
