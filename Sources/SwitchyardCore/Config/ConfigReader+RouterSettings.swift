import Yams

extension ConfigReader {
    /// Reads `router_settings`; the shared retry and fallback keys go to `shared`.
    mutating func readRouterSettings(
        _ node: Node, at path: ConfigPath, shared: inout FallbackFields, references: inout [ModelReference]
    ) -> RouterSettings {
        var settings = RouterSettings()
        for entry in entries(of: node, at: path) ?? [] {
            if readFallbackField(entry, into: &shared, references: &references) { continue }
            let (value, path) = (entry.value, entry.path)
            switch entry.key {
            case "routing_strategy": settings.routingStrategy = readRoutingStrategy(value, at: path) ?? .simpleShuffle
            case "allowed_fails": settings.allowedFails = integer(value, at: path) ?? 3
            case "cooldown_time": settings.cooldownTime = number(value, at: path, .nonNegative) ?? 5
            case "timeout": settings.timeout = number(value, at: path, .positive)
            case "retry_after": settings.retryAfter = number(value, at: path, .nonNegative) ?? 0
            case "model_group_alias": settings.modelGroupAlias = readAliases(value, at: path, references: &references)
            case "cold_start_bridges": settings.coldStartBridges = readBridges(value, at: path, references: &references)
            default: reportIgnored(entry, notSupportedYet: ConfigKeys.routerNotSupportedYet)
            }
        }
        return settings
    }

    /// `cold_start_bridges: {group: {bridge: model, after_ms: 800}}`.
    private mutating func readBridges(
        _ node: Node, at path: ConfigPath, references: inout [ModelReference]
    ) -> [String: ColdStartBridge] {
        var bridges: [String: ColdStartBridge] = [:]
        for entry in entries(of: node, at: path) ?? [] {
            references.append(ModelReference(name: entry.key, role: .fallbackSource, node: entry.keyNode, path: entry.path))
            var model: String?
            var delay: Double?
            for member in entries(of: entry.value, at: entry.path) ?? [] {
                switch member.key {
                case "bridge":
                    model = string(member.value, at: member.path)
                    if let model {
                        references.append(ModelReference(name: model, role: .fallbackTarget, node: member.value, path: member.path))
                    }
                case "after_ms": delay = number(member.value, at: member.path, .nonNegative).map { $0 / 1000 }
                default: warning(member.path, "unknown key, ignored", at: member.keyNode)
                }
            }
            guard let model else {
                error(entry.path, "missing bridge", at: entry.value)
                continue
            }
            bridges[entry.key] = ColdStartBridge(model: model, delay: delay ?? 1)
        }
        return bridges
    }

    /// A strategy name, including LiteLLM's aliases.
    private mutating func readRoutingStrategy(_ node: Node, at path: ConfigPath) -> RoutingStrategy? {
        guard let name = string(node, at: path) else { return nil }
        if let strategy = RoutingStrategy(rawValue: name) { return strategy }
        switch name {
        case "usage-based-routing-v2":
            return .usageBased
        case "cost-based-routing":
            warning(path, "cost-based-routing is not supported yet, using simple-shuffle", at: node)
            return .simpleShuffle
        default:
            let known = RoutingStrategy.allCases.map(\.rawValue).joined(separator: ", ")
            error(path, "unknown routing strategy \"\(name)\"; supported: \(known)", at: node)
            return nil
        }
    }

    /// `model_group_alias`: alias → model_name, or alias → `{model: name, hidden: bool}`.
    private mutating func readAliases(
        _ node: Node, at path: ConfigPath, references: inout [ModelReference]
    ) -> [String: String] {
        var aliases: [String: String] = [:]
        for entry in entries(of: node, at: path) ?? [] {
            var target: (name: String, node: Node, path: ConfigPath)?
            if case .mapping = entry.value {
                let members = entries(of: entry.value, at: entry.path) ?? []
                if !members.contains(where: { $0.key == "model" }) {
                    error(entry.path, "missing model", at: entry.value)
                }
                for member in members {
                    switch member.key {
                    case "model": target = string(member.value, at: member.path).map { ($0, member.value, member.path) }
                    case "hidden": _ = bool(member.value, at: member.path)
                    default: warning(member.path, "unknown key, ignored", at: member.keyNode)
                    }
                }
            } else {
                target = string(entry.value, at: entry.path).map { ($0, entry.value, entry.path) }
            }
            guard let target else { continue }
            aliases[entry.key] = target.name
            references.append(ModelReference(name: target.name, role: .aliasTarget, node: target.node, path: target.path))
        }
        return aliases
    }
}
