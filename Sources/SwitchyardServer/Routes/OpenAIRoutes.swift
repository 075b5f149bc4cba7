import Hummingbird
import SwitchyardCore

/// The OpenAI surface: chat completions, completions, embeddings and the model list.
struct OpenAIRoutes {
    let gateway: Gateway

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let proxy = OpenAIProxy(gateway: gateway)
        for endpoint in Endpoint.allCases {
            group.post(RouterPath(endpoint.rawValue)) { request, context in
                try await proxy.handle(endpoint, request: request, context: context)
            }
        }
        // Legacy engine-style paths some OpenAI clients still send (`/engines/{model}/…`).
        group.post("engines/:engine/chat/completions") { request, context in
            try await proxy.handle(.chatCompletions, request: request, context: context)
        }
        let models = ModelsRoutes(registry: gateway.registry, governance: gateway.governance)
        group.get("models") { _, context in models.list(context) }
        group.get("models/**") { _, context in
            try models.retrieve(context.parameters.getCatchAll().joined(separator: "/"), context)
        }
    }
}
