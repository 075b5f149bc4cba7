import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore

/// `GET /metrics` (Prometheus text) and `GET /health` (every deployment's state, no secrets).
struct MonitoringRoutes: Sendable {
    let gateway: Gateway
    /// Its last outcome is part of `/health` (admins see its errors).
    var reloader: ConfigReloader?

    /// `/metrics` is open by default, as Prometheus scrapers expect (LiteLLM's default too);
    /// `general_settings.metrics_require_key` puts it behind the key check instead.
    ///
    /// `/health` takes a key. Upstream addresses and the providers' last error messages are
    /// for admins only (the master key or an admin user's key): to anyone else they would
    /// show where the gateway's traffic goes and what its providers said.
    var routes: [DescribedRoute] {
        [
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "metrics", summary: "Prometheus metrics",
                    about: "Requests, latency, tokens, spend, cache and guardrail counters, and each deployment's state, in Prometheus' text format.",
                    tag: "Health", access: gateway.config.general.metricsRequireKey ? .key : .open,
                    answer: APIOperation.Content(mediaTypes: [("text/plain", .string)])
                ),
                handle: { _, _ in
                    Response(
                        status: .ok,
                        headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: metricsText()))
                    )
                }
            ),
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "health", summary: "Every deployment's state",
                    about: "Healthy and cooling deployments with their in-flight requests, failures and latency; `api_base` and `last_error` for admins only.",
                    tag: "Health", access: .key, answer: .json(.ref("HealthReport"))
                ),
                handle: { _, context in
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    let data = (try? encoder.encode(healthReport(forAdmin: context.identity.mayAdminister))) ?? Data()
                    return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
                }
            ),
        ]
    }

    func metricsText() -> String {
        let states = gateway.ledger.snapshot()
        let now = gateway.ledger.now
        var inFlight: [(labels: KeyValuePairs<String, String>, value: Double)] = []
        var cooling: [(labels: KeyValuePairs<String, String>, value: Double)] = []
        for (key, deployment) in gateway.routes.deployments where key < states.count {
            inFlight.append((["model_group": deployment.modelName, "deployment": deployment.id], Double(states[key].inFlight)))
            cooling.append((["model_group": deployment.modelName, "deployment": deployment.id], states[key].cooldownUntil > now ? 1 : 0))
        }
        return gateway.metrics.render(gauges: [(GatewayMetrics.inFlight, inFlight), (GatewayMetrics.cooling, cooling)])
    }

    func healthReport(forAdmin: Bool = true) -> HealthReport {
        let states = gateway.ledger.snapshot()
        let now = gateway.ledger.now
        var healthy: [HealthReport.Endpoint] = []
        var unhealthy: [HealthReport.Endpoint] = []
        for (key, deployment) in gateway.routes.deployments where key < states.count {
            let state = states[key]
            let coolingFor = max(0, state.cooldownUntil - now)
            let endpoint = HealthReport.Endpoint(
                modelName: deployment.modelName,
                deployment: deployment.id,
                provider: deployment.provider.rawValue,
                apiBase: forAdmin ? deployment.apiBase : nil,
                state: coolingFor > 0 ? "cooling" : "healthy",
                inFlight: state.inFlight,
                recentFailures: state.recentFailures.filter { now - $0 < 60 }.count,
                cooldownRemainingSeconds: coolingFor > 0 ? (coolingFor * 10).rounded() / 10 : nil,
                latencyMilliseconds: state.latency.map { ($0 * 10_000).rounded() / 10 },
                timeToFirstTokenMilliseconds: state.timeToFirstToken.map { ($0 * 10_000).rounded() / 10 },
                successes: state.successes,
                failures: state.failures,
                lastError: forAdmin ? state.lastError : nil
            )
            if coolingFor > 0 { unhealthy.append(endpoint) } else { healthy.append(endpoint) }
        }
        var lastReload = reloader?.lastOutcome
        if !forAdmin, lastReload != nil {
            lastReload?.errors = []
            lastReload?.warnings = []
        }
        return HealthReport(healthyEndpoints: healthy, unhealthyEndpoints: unhealthy, lastReload: lastReload)
    }
}

/// LiteLLM's `/health` shape, with each deployment's routing state added.
struct HealthReport: Encodable {
    struct Endpoint: Encodable {
        var modelName: String
        var deployment: String
        var provider: String
        var apiBase: String?
        var state: String
        var inFlight: Int
        var recentFailures: Int
        var cooldownRemainingSeconds: Double?
        var latencyMilliseconds: Double?
        var timeToFirstTokenMilliseconds: Double?
        var successes: Int
        var failures: Int
        var lastError: String?

        enum CodingKeys: String, CodingKey {
            case modelName = "model_name", deployment, provider, apiBase = "api_base", state, inFlight = "in_flight"
            case recentFailures = "recent_failures", cooldownRemainingSeconds = "cooldown_remaining_seconds"
            case latencyMilliseconds = "latency_ms", timeToFirstTokenMilliseconds = "time_to_first_token_ms"
            case successes, failures, lastError = "last_error"
        }
    }

    var healthyEndpoints: [Endpoint]
    var unhealthyEndpoints: [Endpoint]
    /// The last config reload, when there was one (its problems for admins only).
    var lastReload: ConfigReloader.Outcome?
    var healthyCount: Int { healthyEndpoints.count }
    var unhealthyCount: Int { unhealthyEndpoints.count }

    enum CodingKeys: String, CodingKey {
        case healthyEndpoints = "healthy_endpoints", unhealthyEndpoints = "unhealthy_endpoints"
        case healthyCount = "healthy_count", unhealthyCount = "unhealthy_count", lastReload = "config_reload"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(healthyEndpoints, forKey: .healthyEndpoints)
        try container.encode(unhealthyEndpoints, forKey: .unhealthyEndpoints)
        try container.encode(healthyCount, forKey: .healthyCount)
        try container.encode(unhealthyCount, forKey: .unhealthyCount)
        try container.encodeIfPresent(lastReload, forKey: .lastReload)
    }
}
