import Foundation
import Hummingbird
import SwitchyardCore

/// `POST /config/reload`: the admin's way to do what `SIGHUP` does, with the outcome in the
/// answer: 200 when the new config is in force, 400 naming every problem when it was refused
/// (the running config is kept).
struct ConfigRoutes: Sendable {
    let reloader: ConfigReloader

    var routes: [DescribedRoute] {
        let outcome = APISchema.object(
            [
                ("status", APISchema.string.adding("enum", .array(ConfigReloader.Outcome.Status.allCases.map { .string($0.rawValue) }))), ("trigger", .string), ("at", .number),
                ("model_groups", APISchema.integer.nullable), ("errors", .strings), ("warnings", .strings),
            ],
            required: ["status", "trigger", "at", "errors", "warnings"]
        )
        return [
            DescribedRoute(
                operation: APIOperation(
                    method: "POST", path: "config/reload", summary: "Reload the config file",
                    about: "Re-reads the file the gateway was started with. Model groups, prices, router settings, fallbacks and guardrails change for every request that starts afterwards; requests in flight finish as they began. A config with errors is refused and the running one kept. general_settings and the cache take effect on restart.",
                    tag: "Config", access: .admin, answer: .json(outcome), errors: [400, 403]
                ),
                handle: { _, context in
                    try AdminRoutes.requireAdmin(context)
                    let outcome = reloader.reload(trigger: "POST /config/reload")
                    guard outcome.status == .reloaded else {
                        throw GatewayError(.invalidRequest, "The config was not reloaded: \(outcome.errors.joined(separator: "; "))", code: "config_invalid")
                    }
                    return try Response.json(outcome)
                }
            ),
        ]
    }
}
