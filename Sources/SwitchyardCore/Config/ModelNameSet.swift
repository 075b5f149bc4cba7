/// The names a request may use for a model: model names, wildcard patterns and aliases.
struct ModelNameSet {
    private var exact: Set<String>
    private var patterns: [(prefix: Substring, suffix: Substring)]

    init(deployments: [Deployment], aliases: [String: String]) {
        exact = Set(deployments.map(\.modelName)).union(aliases.keys)
        patterns = deployments.compactMap { deployment in
            guard let star = deployment.modelName.firstIndex(of: "*") else { return nil }
            let name = deployment.modelName
            return (name[..<star], name[name.index(after: star)...])
        }
    }

    /// Whether `name` is a model name, an alias, or matched by a wildcard model name.
    func contains(_ name: String) -> Bool {
        if exact.contains(name) { return true }
        return patterns.contains { pattern in
            name.count >= pattern.prefix.count + pattern.suffix.count
                && name.hasPrefix(pattern.prefix) && name.hasSuffix(pattern.suffix)
        }
    }
}
