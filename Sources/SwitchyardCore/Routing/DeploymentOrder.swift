/// The order in which a request tries the deployments of its group.
///
/// Deployments with a lower `order` come first; within one `order`, a weighted shuffle
/// (LiteLLM's `simple-shuffle`): each next deployment is drawn with probability
/// proportional to its `weight` among those not yet drawn.
public enum DeploymentOrder {
    public static func shuffled(
        _ candidates: [RouteTarget.Candidate],
        using generator: inout some RandomNumberGenerator
    ) -> [RouteTarget.Candidate] {
        if candidates.count == 1 { return candidates }
        let tiers = Dictionary(grouping: candidates) { $0.deployment.order ?? Int.max }
        var result: [RouteTarget.Candidate] = []
        result.reserveCapacity(candidates.count)
        for tier in tiers.keys.sorted() {
            guard var pool = tiers[tier] else { continue }
            while !pool.isEmpty {
                let total = pool.reduce(0) { $0 + max($1.deployment.weight, 0) }
                var pick = 0
                if total > 0 {
                    var draw = Double.random(in: 0..<total, using: &generator)
                    for (index, candidate) in pool.enumerated() {
                        draw -= max(candidate.deployment.weight, 0)
                        if draw < 0 {
                            pick = index
                            break
                        }
                        pick = index
                    }
                } else {
                    pick = Int.random(in: 0..<pool.count, using: &generator)
                }
                result.append(pool.remove(at: pick))
            }
        }
        return result
    }
}
