/// How a model group picks among its deployments (`router_settings.routing_strategy`).
public enum RoutingStrategy: String, Sendable, CaseIterable {
    /// Weighted random order (`weight`), lower `order` first.
    case simpleShuffle = "simple-shuffle"
    /// The deployment with the fewest requests in flight.
    case leastBusy = "least-busy"
    /// The deployment with the lowest recent latency.
    case latencyBased = "latency-based-routing"
    /// The deployment with the most `rpm`/`tpm` headroom.
    case usageBased = "usage-based-routing"
}
