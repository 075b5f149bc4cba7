/// The one error type of the gateway; each client surface renders it in its own envelope.
public struct GatewayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, which fixes the HTTP status and each surface's error type.
    public enum Kind: Sendable, Equatable {
        case invalidRequest
        case unauthorized
        case budgetExceeded
        case forbidden
        case notFound
        case modelNotFound
        case payloadTooLarge
        /// The client stopped sending its request (a head or body that stopped arriving).
        case requestTimeout
        /// The request head is over the size limit.
        case headerFieldsTooLarge
        case rateLimited
        /// The upstream answered with an error status that the gateway passes on.
        case upstream(status: Int)
        case upstreamUnavailable
        case noHealthyDeployment
        case timeout
        case notImplemented
        case internalError
    }

    public var kind: Kind
    public var message: String
    /// The request field at fault, where there is one.
    public var param: String?
    /// A machine-readable code (`model_not_found`, `invalid_api_key`…), where there is one.
    public var code: String?
    /// Seconds a client should wait before retrying (429 and some 503s).
    public var retryAfter: Double?
    /// The provider's own error type, kept when its error is passed on.
    public var upstreamType: String?
    /// Extra response headers (`x-ratelimit-*` on a 429).
    public var headers: [String: String] = [:]

    public init(_ kind: Kind, _ message: String, param: String? = nil, code: String? = nil, retryAfter: Double? = nil) {
        self.kind = kind
        self.message = message
        self.param = param
        self.code = code
        self.retryAfter = retryAfter
    }

    public var status: Int {
        switch kind {
        case .invalidRequest: 400
        case .unauthorized: 401
        case .budgetExceeded: 402
        case .forbidden: 403
        case .notFound, .modelNotFound: 404
        case .payloadTooLarge: 413
        case .requestTimeout: 408
        case .headerFieldsTooLarge: 431
        case .rateLimited: 429
        case .upstream(let status): status
        case .upstreamUnavailable: 502
        case .noHealthyDeployment: 503
        case .timeout: 504
        case .notImplemented: 501
        case .internalError: 500
        }
    }

    public var description: String { "\(status) \(message)" }

    /// Whether another attempt (on another deployment) may succeed: rate limits, server
    /// errors, timeouts and unreachable upstreams; never an error the request itself caused.
    public var isRetryable: Bool {
        switch kind {
        case .upstream(let status): status == 408 || status == 409 || status == 429 || status >= 500
        case .upstreamUnavailable, .timeout, .noHealthyDeployment: true
        default: false
        }
    }
}

extension GatewayError {
    public static func invalidRequest(_ message: String, param: String? = nil) -> GatewayError {
        GatewayError(.invalidRequest, message, param: param)
    }

    public static func modelNotFound(_ model: String) -> GatewayError {
        GatewayError(
            .modelNotFound,
            "The model `\(model)` does not exist or you do not have access to it.",
            param: "model",
            code: "model_not_found"
        )
    }

    public static func malformedJSON(_ error: JSONSyntaxError) -> GatewayError {
        GatewayError(.invalidRequest, "The request body is not valid JSON: \(error.description)", code: "invalid_json")
    }
}
