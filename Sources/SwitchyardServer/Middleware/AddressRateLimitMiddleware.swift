import HTTPTypes
import Hummingbird
import SwitchyardCore

/// `general_settings.ip_rate_limit`: a cap on requests per client address, checked before any
/// key, so one address cannot flood the gateway whatever keys it holds. Load balancers'
/// liveness and readiness probes are not counted.
struct AddressRateLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let limiter: AddressRateLimiter
    let resolver: ClientAddressResolver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let peer = context.peerAddress, !request.uri.path.hasSuffix("/liveliness"), !request.uri.path.hasSuffix("/liveness"),
            !request.uri.path.hasSuffix("/readiness")
        else { return try await next(request, context) }
        let address = resolver.clientAddress(peer: peer, forwardedFor: request.headers[.xForwardedFor])
        if let wait = limiter.admit(address) {
            let settings = limiter.settings
            throw GatewayError(
                .rateLimited,
                "Too many requests from this address: the limit is \(settings.requests) every \(Int(settings.window)) s.",
                code: "ip_rate_limit_exceeded",
                retryAfter: wait
            )
        }
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("x-forwarded-for")!
}
