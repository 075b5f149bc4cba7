import Hummingbird

/// The Gemini surface: `/v1beta/models/{model}:{method}`.
struct GeminiRoutes {
    let gateway: Gateway

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let proxy = GeminiProxy(gateway: gateway)
        group.post("v1beta/models/:target") { request, context in try await proxy.handle(request: request, context: context) }
    }
}
