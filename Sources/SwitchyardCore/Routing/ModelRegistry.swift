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

    public init(config: GatewayConfig) {
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
                RouteTarget.Candidate(key: key, deployment: deployment, upstreamModel: deployment.upstreamModel)
            )
        }
        self.groups = groups
        self.groupOrder = order
        self.wildcards = wildcards.sorted { $0.prefix.count + $0.suffix.count > $1.prefix.count + $1.suffix.count }
        self.aliases = config.router.modelGroupAlias
    }

    /// The group serving `model`, with the upstream model id each deployment should be sent.
    public func resolve(_ model: String) -> RouteTarget? {
        if let candidates = groups[model], !model.utf8.contains(UInt8(ascii: "*")) {
            return RouteTarget(group: model, configuredName: model, candidates: candidates)
        }
        if let aliased = aliases[model], let candidates = groups[aliased] {
            return RouteTarget(group: aliased, configuredName: aliased, candidates: candidates)
        }
        for pattern in wildcards where model.hasPrefix(pattern.prefix) && model.hasSuffix(pattern.suffix)
            && model.count >= pattern.prefix.count + pattern.suffix.count
        {
            let matched = String(model.dropFirst(pattern.prefix.count).dropLast(pattern.suffix.count))
            guard let group = groups[pattern.name] else { continue }
            let candidates = group.map { candidate in
                var candidate = candidate
                candidate.upstreamModel = candidate.deployment.upstreamModel.replacingOccurrences(of: "*", with: matched)
                return candidate
            }
            return RouteTarget(group: model, configuredName: pattern.name, candidates: candidates)
        }
        return nil
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
        /// The deployment's position in `model_list`, its key in the `DeploymentLedger`.
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
        resolve(model)?.configuredName ?? "unknown"
    }
}
