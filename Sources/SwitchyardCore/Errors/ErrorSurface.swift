import Foundation

/// The API dialect a client called, which decides the shape of its error bodies.
public enum ErrorSurface: Sendable {
    case openAI, anthropic, gemini

    /// The surface a request path belongs to, for errors raised before any route matched.
    public static func forPath(_ path: String) -> ErrorSurface {
        if path.contains("/messages") { return .anthropic }
        if path.hasPrefix("/v1beta/") || path.hasPrefix("/api/v1beta/") || path.hasPrefix("/gemini/") || (path.contains("/models/") && path.contains(":")) {
            return .gemini
        }
        return .openAI
    }

    /// The error body this surface's clients expect.
    public func body(for error: GatewayError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data?
        switch self {
        case .openAI:
            data = try? encoder.encode(OpenAIErrorEnvelope(error: .init(error)))
        case .anthropic:
            data = try? encoder.encode(AnthropicErrorEnvelope(error: .init(type: Self.anthropicType(error), message: error.message)))
        case .gemini:
            data = try? encoder.encode(GeminiErrorEnvelope(error: .init(code: error.status, message: error.message, status: Self.googleStatus(error))))
        }
        return Array(data ?? Data(#"{"error":{"message":"internal error"}}"#.utf8))
    }

    static func openAIType(_ error: GatewayError) -> String {
        switch error.kind {
        case .invalidRequest, .payloadTooLarge, .headerFieldsTooLarge, .notFound, .modelNotFound: "invalid_request_error"
        case .unauthorized: "authentication_error"
        case .budgetExceeded: "budget_exceeded"
        case .forbidden: "permission_error"
        case .rateLimited: "rate_limit_error"
        case .timeout, .requestTimeout: "timeout_error"
        case .upstream(let status) where status < 500:
            status == 429 ? "rate_limit_error" : "invalid_request_error"
        case .upstream, .upstreamUnavailable, .noHealthyDeployment, .notImplemented, .internalError: "api_error"
        }
    }

    static func anthropicType(_ error: GatewayError) -> String {
        switch error.status {
        case 400: "invalid_request_error"
        case 401: "authentication_error"
        case 402: "billing_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413: "request_too_large"
        case 429: "rate_limit_error"
        case 504: "timeout_error"
        case 529, 503: "overloaded_error"
        default: error.status < 500 ? "invalid_request_error" : "api_error"
        }
    }

    static func googleStatus(_ error: GatewayError) -> String {
        switch error.status {
        case 400, 413, 431: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 402, 429: "RESOURCE_EXHAUSTED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 501: "UNIMPLEMENTED"
        case 503, 502: "UNAVAILABLE"
        case 408, 504: "DEADLINE_EXCEEDED"
        default: error.status < 500 ? "FAILED_PRECONDITION" : "INTERNAL"
        }
    }
}

struct OpenAIErrorEnvelope: Encodable {
    struct Body: Encodable {
        var message: String
        var type: String
        var param: String?
        var code: String?

        init(_ error: GatewayError) {
            message = error.message
            type = error.upstreamType ?? ErrorSurface.openAIType(error)
            param = error.param
            code = error.code ?? (error.kind == .budgetExceeded ? "budget_exceeded" : nil)
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(message, forKey: .message)
            try container.encode(type, forKey: .type)
            try container.encode(param, forKey: .param)
            try container.encode(code, forKey: .code)
        }

        enum CodingKeys: String, CodingKey { case message, type, param, code }
    }

    var error: Body
}

struct AnthropicErrorEnvelope: Encodable {
    struct Body: Encodable {
        var type: String
        var message: String
    }

    var type = "error"
    var error: Body
}

struct GeminiErrorEnvelope: Encodable {
    struct Body: Encodable {
        var code: Int
        var message: String
        var status: String
    }

    var error: Body
}
