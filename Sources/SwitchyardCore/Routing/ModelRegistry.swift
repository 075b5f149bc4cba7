import Foundation

/// The configured model groups, and how a requested model name finds its deployments.
///
/// Lookup order: an exact `model_name`, then `router_settings.model_group_alias`, then
/// wildcard groups (`deepseek/*`, `*`), the longest literal prefix first.
public struct ModelRegistry: Sendable {
    private let groups: [String: [RouteTarget.Candidate]]
    private let groupOrder: [String]
    private let wildcards: [(prefix: String, suffix: String, name: String)]
    private let aliases: [String: String]

    /// - Parameter keys: each deployment's ledger key, in `config.deployments` order
    ///   (`DeploymentSlots`); by default its position.
    public init(config: GatewayConfig, keys: [Int]? = nil) {
        var groups: [String: [RouteTarget.Candidate]] = [:]
        var order: [String] = []
        var wildcards: [(prefix: String, suffix: String, name: String)] = []
        for (key, deployment) in config.deployments.enumerated() {
            if groups[deployment.modelName] == nil {
                order.append(deployment.modelName)
                if let star = deployment.modelName.firstIndex(of: "*") {
                    let prefix = String(deployment.modelName[..<star])
                    let suffix = String(deployment.modelName[deployment.modelName.index(after: star)...])
                    wildcards.append((prefix, suffix, deployment.modelName))
                }
            }
            groups[deployment.modelName, default: []].append(
                RouteTarget.Candidate(key: keys?[key] ?? key, deployment: deployment, upstreamModel: deployment.upstreamModel)
            )
        }
        self.groups = groups
        self.groupOrder = order
        self.wildcards = wildcards.sorted { $0.prefix.count + $0.suffix.count > $1.prefix.count + $1.suffix.count }
        self.aliases = config.router.modelGroupAlias
    }

    /// How a requested name maps onto the config: its group's `model_name`, and for a wildcard
    /// the part of the name the pattern's `*` stands for.
    private func match(_ model: String) -> (name: String, wildcardFill: String?)? {
        if groups[model] != nil, !model.utf8.contains(UInt8(ascii: "*")) { return (model, nil) }
        if let aliased = aliases[model], groups[aliased] != nil { return (aliased, nil) }
        for pattern in wildcards where model.hasPrefix(pattern.prefix) && model.hasSuffix(pattern.suffix)
            && model.count >= pattern.prefix.count + pattern.suffix.count && groups[pattern.name] != nil
        {
            return (pattern.name, String(model.dropFirst(pattern.prefix.count).dropLast(pattern.suffix.count)))
        }
        return nil
    }

    /// The group serving `model`, with the upstream model id each deployment should be sent.
    public func resolve(_ model: String) -> RouteTarget? {
        guard let found = match(model), let candidates = groups[found.name] else { return nil }
        let name = found.name
        guard let fill = found.wildcardFill else { return RouteTarget(group: name, configuredName: name, candidates: candidates) }
        let filled = candidates.map { candidate in
            var candidate = candidate
            candidate.upstreamModel = candidate.deployment.upstreamModel.replacingOccurrences(of: "*", with: fill)
            // Only now is the model known, and with it its list price.
            candidate.deployment.modelInfo = candidate.deployment.modelInfo.listedPrice(for: candidate.upstreamModel)
            return candidate
        }
        return RouteTarget(group: model, configuredName: name, candidates: filled)
    }

    /// Model names a client can list: every non-wildcard group and every alias, in config order.
    public var listedModels: [String] {
        groupOrder.filter { !$0.contains("*") } + aliases.keys.sorted().filter { groups[$0] == nil }
    }

    /// The deployments of one listed model, or nil for an unknown name.
    public func deployments(of model: String) -> [Deployment]? {
        if let candidates = groups[model], !model.utf8.contains(UInt8(ascii: "*")) { return candidates.map(\.deployment) }
        if let aliased = aliases[model] { return groups[aliased]?.map(\.deployment) }
        return nil
    }
}

/// Where a request for one model may go.
public struct RouteTarget: Sendable {
    /// One deployment and the model id to send it.
    public struct Candidate: Sendable {
        /// The deployment's key in the `DeploymentLedger`: its position in `model_list`, or
        /// the key `DeploymentSlots` gave it.
        public var key: Int
        public var deployment: Deployment
        public var upstreamModel: String
    }

    /// The model group's name (for a wildcard, the model the client asked for).
    public var group: String
    /// The `model_name` in the config that serves it (for a wildcard, the pattern): the only
    /// names metrics label with, so clients cannot grow the series without bound.
    public var configuredName: String
    public var candidates: [Candidate]
}

extension ModelRegistry {
    /// The metrics label for a model a client named: its configured `model_name`, or
    /// `unknown` for a name the config does not serve.
    public func metricsLabel(_ model: String) -> String {
        match(model)?.name ?? "unknown"
    }
}
