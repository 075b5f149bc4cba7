import SwitchyardCore

/// The refusals of the connection layer, before a request reaches the router.
extension GatewayError {
    static let bodyTooLarge = GatewayError(.payloadTooLarge, "The request body is larger than the configured limit.", code: "request_too_large")
    static let requestStoppedArriving = GatewayError(.requestTimeout, "The request stopped arriving before it was complete.", code: "request_timeout")
    static let malformedHTTP = GatewayError(.invalidRequest, "The request is not valid HTTP/1.1.", code: "malformed_request")
    static let headTooLarge = GatewayError(.headerFieldsTooLarge, "The request head is larger than the configured limit.", code: "request_header_too_large")
}
