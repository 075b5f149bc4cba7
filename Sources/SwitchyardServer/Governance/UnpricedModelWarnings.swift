import Logging
import Synchronization

/// Warns, once per model group per process, that a key with a budget used a model with no
/// price: its requests cost nothing, so the budget cannot hold them back (`check-config`
/// lists such groups ahead of time).
///
/// Keyed by the configured `model_name`, so clients naming models under a wildcard cannot
/// grow the set.
final class UnpricedModelWarnings: Sendable {
    private let warned = Mutex(Set<String>())

    func warn(modelGroup: String, deployment: String, logger: Logger) {
        let first = warned.withLock { $0.insert(modelGroup).inserted }
        guard first else { return }
        logger.warning(
            "cost_unknown: a key with a budget used a model with no price; its requests cost nothing and the budget cannot hold them back",
            metadata: [
                "switchyard.event": "cost_unknown",
                "switchyard.model_group": .string(modelGroup),
                "switchyard.deployment": .string(deployment),
            ]
        )
    }
}
