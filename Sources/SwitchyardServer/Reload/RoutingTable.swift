import SwitchyardCore

/// What a configuration reload replaces, as one value swapped at once: the config, its model
/// groups and their ledger keys, and the routing loop over them. A request reads the table
/// current when it reads it; a reload never changes a table a request holds.
///
/// The deployment ledger is not part of it: one ledger lives as long as the gateway, keyed by
/// `DeploymentSlots`, so a deployment that survives a reload keeps its state, and requests in
/// flight across a reload end on the keys they began on.
final class RoutingTable: Sendable {
    let config: GatewayConfig
    let registry: ModelRegistry
    /// Each deployment's ledger key, in `config.deployments` order.
    let keys: [Int]
    let selector: DeploymentSelector
    let routing: RoutingLoop
    /// The guardrails a request that names none runs (most requests): worked out once here.
    let defaultGuardrails: GuardrailSelection.Stages

    init(config: GatewayConfig, slots: DeploymentSlots, ledger: DeploymentLedger, clock: any GatewayClock, metrics: GatewayMetrics) {
        self.config = config
        keys = slots.keys(for: config.deployments)
        ledger.adopt(
            deploymentCount: slots.count,
            policy: DeploymentLedger.CooldownPolicy(allowedFails: config.router.allowedFails, cooldownTime: config.router.cooldownTime)
        )
        registry = ModelRegistry(config: config, keys: keys)
        selector = DeploymentSelector(strategy: config.router.routingStrategy)
        defaultGuardrails = GuardrailSelection.Stages(configured: config.guardrails)
        routing = RoutingLoop(registry: registry, ledger: ledger, selector: selector, settings: config.router, clock: clock, metrics: metrics)
    }

    /// Each deployment with its ledger key, in config order.
    var deployments: [(key: Int, deployment: Deployment)] {
        zip(keys, config.deployments).map { (key: $0, deployment: $1) }
    }
}
