import Foundation

/// The configured model groups, and how a requested model name finds its deployments.
///
/// Lookup order: an exact `model_name`, then `router_settings.model_group_alias`, then
/// wildcard groups (`deepseek/*`, `*`), the longest literal prefix first.
public struct ModelRegistry: Sendable {
    private let groups: [String: [Deployment]]
    private let groupOrder: [String]
    private let wildcards: [(prefix: String, suffix: String, name: String)]
    private let aliases: [String: String]

    public init(config: GatewayConfig) {
        var groups: [String: [Deployment]] = [:]
        var order: [String] = []
        var wildcards: [(prefix: String, suffix: String, name: String)] = []
        for deployment in config.deployments {
            if groups[deployment.modelName] == nil {
                order.append(deployment.modelName)
                if let star = deployment.modelName.firstIndex(of: "*") {
                    let prefix = String(deployment.modelName[..<star])
                    let suffix = String(deployment.modelName[deployment.modelName.index(after: star)...])
                    wildcards.append((prefix, suffix, deployment.modelName))
                }
            }
            groups[deployment.modelName, default: []].append(deployment)
        }
        self.groups = groups
        self.groupOrder = order
        self.wildcards = wildcards.sorted { $0.prefix.count + $0.suffix.count > $1.prefix.count + $1.suffix.count }
        self.aliases = config.router.modelGroupAlias
    }

    /// The group serving `model`, with the upstream model id each deployment should be sent.
    public func resolve(_ model: String) -> RouteTarget? {
        if let deployments = groups[model], !model.contains("*") {
            return RouteTarget(group: model, candidates: deployments.map { .init(deployment: $0, upstreamModel: $0.upstreamModel) })
        }
        if let aliased = aliases[model], let deployments = groups[aliased] {
            return RouteTarget(group: aliased, candidates: deployments.map { .init(deployment: $0, upstreamModel: $0.upstreamModel) })
        }
        for pattern in wildcards where model.hasPrefix(pattern.prefix) && model.hasSuffix(pattern.suffix)
            && model.count >= pattern.prefix.count + pattern.suffix.count
        {
            let matched = String(model.dropFirst(pattern.prefix.count).dropLast(pattern.suffix.count))
            guard let deployments = groups[pattern.name] else { continue }
            let candidates = deployments.map { deployment in
                RouteTarget.Candidate(
                    deployment: deployment,
                    upstreamModel: deployment.upstreamModel.replacingOccurrences(of: "*", with: matched)
                )
            }
            return RouteTarget(group: model, candidates: candidates)
        }
        return nil
    }

    /// Model names a client can list: every non-wildcard group and every alias, in config order.
    public var listedModels: [String] {
        groupOrder.filter { !$0.contains("*") } + aliases.keys.sorted().filter { groups[$0] == nil }
    }

    /// The deployments of one listed model, or nil for an unknown name.
    public func deployments(of model: String) -> [Deployment]? {
        if let deployments = groups[model], !model.contains("*") { return deployments }
        if let aliased = aliases[model] { return groups[aliased] }
        return nil
    }
}

/// Where a request for one model may go.
public struct RouteTarget: Sendable {
    /// One deployment and the model id to send it.
    public struct Candidate: Sendable {
        public var deployment: Deployment
        public var upstreamModel: String
    }

    /// The model group's name (for a wildcard, the model the client asked for).
    public var group: String
    public var candidates: [Candidate]
}
