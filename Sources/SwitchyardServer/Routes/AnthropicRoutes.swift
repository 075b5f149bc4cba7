import Hummingbird

/// The Anthropic surface: Messages and token counting.
struct AnthropicRoutes {
    let gateway: Gateway

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let proxy = AnthropicProxy(gateway: gateway)
        group.post("messages") { request, context in try await proxy.messages(request: request, context: context) }
        group.post("messages/count_tokens") { request, context in try await proxy.countTokens(request: request, context: context) }
    }
}
