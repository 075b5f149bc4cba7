import Synchronization

/// The ledger key of each deployment, stable across configuration reloads: a deployment that
/// keeps its model group, id and API base keeps its key, and with it its health, cooldown,
/// latency and requests in flight; a new one gets a key never used before. A request that
/// began before a reload therefore still ends on the key it began on.
public final class DeploymentSlots: Sendable {
    private let slots = Mutex<[String: Int]>([:])

    public init() {}

    /// The key of each of `deployments`, in order.
    public func keys(for deployments: [Deployment]) -> [Int] {
        slots.withLock { slots in
            deployments.map { deployment in
                let identity = [deployment.modelName, deployment.id, deployment.apiBase ?? ""].joined(separator: "\u{0}")
                if let key = slots[identity] { return key }
                let key = slots.count
                slots[identity] = key
                return key
            }
        }
    }

    /// How many keys were ever handed out: the size the ledger needs.
    public var count: Int { slots.withLock { $0.count } }
}
