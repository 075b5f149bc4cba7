extension GatewayConfig {
    /// A warning for every model group (or deployment of a group) with no price, neither in
    /// its config nor in the built-in table: its requests cost nothing, so no budget holds
    /// them back. `check-config` prints these; loading does not, since a free local model is
    /// a fine thing to serve.
    ///
    /// Paths are `model_list[i].model_info`: a loaded config keeps every entry, in order.
    public var pricingWarnings: [ConfigProblem] {
        let consequence = "a budget cannot hold back a model whose cost is zero"
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (index, deployment) in deployments.enumerated() {
            if groups[deployment.modelName] == nil { order.append(deployment.modelName) }
            groups[deployment.modelName, default: []].append(index)
        }
        var problems: [ConfigProblem] = []
        for group in order {
            let members = groups[group] ?? []
            let unpriced = members.filter { !deployments[$0].modelInfo.hasPrice }
            guard let first = unpriced.first else { continue }
            if deployments[first].isWildcard {
                problems.append(.warning(
                    "model_list[\(first)].model_info",
                    "model group \"\(group)\" has no price of its own, so only the models the built-in price table lists are costed; \(consequence)"
                ))
            } else if unpriced.count == members.count {
                problems.append(.warning(
                    "model_list[\(first)].model_info",
                    "model group \"\(group)\" has no price (set input_cost_per_token and output_cost_per_token, or base_model); \(consequence)"
                ))
            } else {
                for index in unpriced {
                    problems.append(.warning(
                        "model_list[\(index)].model_info",
                        "deployment \"\(deployments[index].id)\" of model group \"\(group)\" has no price; \(consequence)"
                    ))
                }
            }
        }
        return problems
    }
}
