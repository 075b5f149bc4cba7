import Hummingbird
import SwitchyardCore

/// The OpenAI surface's own routes besides the proxied operations: the model list and the
/// stored responses.
struct OpenAIRoutes {
    let gateway: Gateway

    var routes: [DescribedRoute] {
        let models = ModelsRoutes(gateway: gateway)
        return [
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "models", summary: "List models", about: "The model groups the key may call, in OpenAI's shape.",
                    tag: "Models", access: .key, answer: .json(.ref("ModelList"))
                ),
                handle: { _, context in models.list(context) }
            ),
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "models/{model}", summary: "Retrieve a model", about: "A model group the key may call; the id may hold slashes.",
                    tag: "Models", access: .key, answer: .json(.ref("Model")), errors: [404], catchAll: true
                ),
                handle: { _, context in try models.retrieve(context.parameters.getCatchAll().joined(separator: "/"), context) }
            ),
        ] + ResponsesRoutes(gateway: gateway).routes
    }
}
