import HTTPTypes
import Hummingbird

/// A route and its description: the router registers the handler at the description's method
/// and path, and `/openapi.json` is built from the same description.
struct DescribedRoute: Sendable {
    let operation: APIOperation
    let handle: @Sendable (Request, GatewayRequestContext) async throws -> Response
}

/// Routes served under the same prefixes.
struct RouteSet: Sendable {
    /// Prefixes without slashes (`v1`, `api/v1`); "" is the bare path.
    var prefixes: [String]
    var routes: [DescribedRoute]

    /// Where LiteLLM's clients find the gateway's own routes: bare, `/v1/…` and `/api/v1/…`.
    static let gatewayPrefixes = ["", "v1", "api/v1"]

    /// Registers every route under every prefix; all but open routes behind the key check.
    func register(open: RouterGroup<GatewayRequestContext>, authenticated: RouterGroup<GatewayRequestContext>) {
        for prefix in prefixes {
            for route in routes {
                let base = route.operation.access == .open ? open : authenticated
                let group = prefix.isEmpty ? base : base.group(RouterPath(prefix))
                let handle = route.handle
                group.on(RouterPath(route.operation.routerPath), method: HTTPRequest.Method(route.operation.method) ?? .get) { request, context in
                    try await handle(request, context)
                }
            }
        }
    }
}
