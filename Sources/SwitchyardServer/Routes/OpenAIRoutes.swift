import Hummingbird
import SwitchyardCore

/// The OpenAI surface's own routes besides the proxied operations: the model list and the
/// stored responses.
struct OpenAIRoutes {
    let gateway: Gateway

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let models = ModelsRoutes(registry: gateway.registry, governance: gateway.governance)
        group.get("models") { _, context in models.list(context) }
        group.get("models/**") { _, context in
            try models.retrieve(context.parameters.getCatchAll().joined(separator: "/"), context)
        }
        ResponsesRoutes(gateway: gateway).register(on: group)
    }
}
