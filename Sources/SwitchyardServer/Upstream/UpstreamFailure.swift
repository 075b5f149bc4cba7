import AsyncHTTPClient
import Foundation
import LeanHTTP
import NIOCore
import SwitchyardCore

/// Turns transport failures and upstream error responses into `GatewayError`s.
enum UpstreamFailure {
    /// A failure to reach the provider or to hear back in time.
    static func classify(_ error: any Error, provider: String) -> GatewayError {
        if let error = error as? GatewayError { return error }
        if let error = error as? LeanHTTPError {
            switch error {
            case .connectTimeout, .deadlineExceeded, .readTimeout, .poolWaitTimeout:
                return GatewayError(.timeout, "The upstream \(provider) did not answer in time.", code: "upstream_timeout")
            case .bodyTooLarge:
                return GatewayError(.upstreamUnavailable, "The upstream \(provider) sent a larger answer than the gateway accepts.", code: "upstream_response_too_large")
            default:
                return GatewayError(.upstreamUnavailable, "Could not reach the upstream \(provider): \(error).", code: "upstream_unreachable")
            }
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return GatewayError(.timeout, "The upstream \(provider) did not answer in time.", code: "upstream_timeout")
            default:
                return GatewayError(.upstreamUnavailable, "Could not reach the upstream \(provider): \(error).", code: "upstream_unreachable")
            }
        }
        return GatewayError(.upstreamUnavailable, "Could not reach the upstream \(provider): \(error).", code: "upstream_unreachable")
    }

    /// An error status from the provider, with its own message, type and code kept. A status
    /// outside 100–599 is no HTTP answer at all: a 502, never passed on.
    static func fromResponse(status: Int, body: ByteBuffer, retryAfterHeader: String?, provider: String) -> GatewayError {
        guard (100...599).contains(status) else {
            return GatewayError(.upstreamUnavailable, "The upstream \(provider) answered with the invalid status \(status).", code: "bad_upstream_response")
        }
        var message = "The upstream \(provider) answered \(status)."
        var param: String?
        var code: String?
        var type: String?
        if let parsed = try? JSONDecoder().decode(UpstreamErrorBody.self, from: Data(body.readableBytesView)) {
            if let detail = parsed.error {
                message = detail.message ?? message
                param = detail.param
                code = detail.code
                type = detail.type ?? detail.status
            } else if let text = parsed.message {
                message = text
            }
        } else if body.readableBytes > 0 {
            let text = String(decoding: body.readableBytesView.prefix(500), as: UTF8.self)
            message = "The upstream \(provider) answered \(status): \(text)"
        }
        var error = GatewayError(.upstream(status: status), message, param: param, code: code)
        error.upstreamType = type
        error.retryAfter = retryAfterHeader.flatMap(Double.init)
        return error
    }
}

/// The error bodies providers send: OpenAI's and Anthropic's `{"error": {...}}` and
/// Google's `{"error": {"code", "message", "status"}}`, or a bare `{"message"}`.
private struct UpstreamErrorBody: Decodable {
    struct Detail: Decodable {
        var message: String?
        var type: String?
        var param: String?
        var code: String?
        var status: String?

        enum CodingKeys: String, CodingKey { case message, type, param, code, status }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            message = try? container.decode(String.self, forKey: .message)
            type = try? container.decode(String.self, forKey: .type)
            param = try? container.decode(String.self, forKey: .param)
            status = try? container.decode(String.self, forKey: .status)
            if let text = try? container.decode(String.self, forKey: .code) {
                code = text
            } else if let number = try? container.decode(Int.self, forKey: .code) {
                code = String(number)
            }
        }
    }

    var error: Detail?
    var message: String?
}

extension UpstreamFailure {
    /// An upstream error answer as a `GatewayError`: the provider's own error shape when it
    /// used it, else the generic reading.
    static func fromResponse(_ answer: UpstreamExchange, endpoint: any ProviderEndpoint, provider: String) -> GatewayError {
        fromResponse(status: answer.status, body: answer.body, retryAfter: answer.retryAfter, endpoint: endpoint, provider: provider)
    }

    static func fromResponse(status: Int, body: ByteBuffer, retryAfter: String?, endpoint: any ProviderEndpoint, provider: String) -> GatewayError {
        if (100...599).contains(status), var error = endpoint.error(status: status, body: body) {
            if error.retryAfter == nil { error.retryAfter = retryAfter.flatMap(Double.init) }
            return error
        }
        return fromResponse(status: status, body: body, retryAfterHeader: retryAfter, provider: provider)
    }
}

extension UpstreamFailure {
    /// A success status whose body is not what the dialect promises (HTML from a proxy, an
    /// empty body, truncated JSON): a 502 the router may retry elsewhere, never a 200.
    static func invalidAnswer(_ what: String, provider: String) -> GatewayError {
        GatewayError(.upstreamUnavailable, "The upstream \(provider) answered with \(what).", code: "bad_upstream_response")
    }
}
