import Logging
import NIOCore
import ServiceLifecycle
import SwitchyardCore

/// Probes every deployment every `health_check_interval` seconds with the smallest real
/// request (`max_tokens: 1`, or one embedding), cooling down those that fail and restoring
/// those that pass. Enabled by `general_settings.background_health_checks`.
struct HealthCheckService: Service {
    let gateway: Gateway
    let interval: Double
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await checkAll()
                try await gateway.clock.sleep(seconds: interval)
            }
        }
    }

    func checkAll() async {
        await withTaskGroup(of: Void.self) { group in
            for (key, deployment) in gateway.routes.deployments where !deployment.isWildcard {
                group.addTask { await check(key: key, deployment: deployment) }
            }
        }
    }

    private func check(key: Int, deployment: Deployment) async {
        let isEmbedding = deployment.modelInfo.mode == "embedding"
        let operation: ProviderOperation = isEmbedding ? .embeddings : .chatCompletions
        let model = String(decoding: JSONStringDecoding.encode(deployment.upstreamModel), as: UTF8.self)
        let body = isEmbedding
            ? #"{"model":\#(model),"input":"ping"}"#
            : #"{"model":\#(model),"messages":[{"role":"user","content":"ping"}],"max_tokens":1}"#
        do {
            let request = try deployment.provider.endpoint.request(
                operation, deployment: deployment, upstreamModel: deployment.upstreamModel, body: ByteBuffer(string: body)
            )
            let response = try await gateway.transport.send(request, deadlines: .exchange(within: 30), logger: logger)
            let payload = try await response.body.collect(upTo: 1 << 20)
            guard response.isSuccess else {
                let error = UpstreamFailure.fromResponse(status: response.status, body: payload, retryAfterHeader: nil, provider: deployment.provider.rawValue)
                fail(key, deployment, error.message)
                return
            }
            gateway.ledger.markHealthy(key)
        } catch {
            fail(key, deployment, UpstreamFailure.classify(error, provider: deployment.provider.rawValue).message)
        }
    }

    private func fail(_ key: Int, _ deployment: Deployment, _ reason: String) {
        gateway.ledger.coolDown(key, reason: "health check failed: \(reason)")
        gateway.metrics.increment(GatewayMetrics.cooldowns, ["model_group": deployment.modelName, "deployment": deployment.id])
        logger.warning("health check failed", metadata: ["switchyard.deployment": .string(deployment.id), "switchyard.error": .string(reason)])
    }
}
