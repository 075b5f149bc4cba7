import Yams

extension ConfigReader {
    /// Reads `model_list` and gives every deployment an id unique within its model group.
    ///
    /// An explicit `model_info.id` must be unique across the whole list (LiteLLM addresses
    /// deployments by it); generated ids (`openai/gpt-4o`, `openai/gpt-4o#2`) only within a group.
    mutating func readModelList(_ node: Node, at path: ConfigPath) -> [Deployment] {
        guard let items = items(of: node, at: path) else { return [] }
        if items.isEmpty {
            warning(path, "no models configured", at: node)
            return []
        }
        let read = items.compactMap { readDeployment($0.node, at: $0.path) }

        var explicitOwners: [String: ConfigPath] = [:]
        var usedInGroup: [String: Set<String>] = [:]
        for item in read {
            guard let id = item.deployment.modelInfo.id else { continue }
            if let owner = explicitOwners[id] {
                error(item.idPath, "duplicate id \"\(id)\" (also used at \(owner))", at: item.idNode)
            } else {
                explicitOwners[id] = item.idPath
            }
            usedInGroup[item.deployment.modelName, default: []].insert(id)
        }

        return read.map { item in
            var deployment = item.deployment
            guard deployment.modelInfo.id == nil else { return deployment }
            let base = deployment.litellmModel
            var candidate = base
            var counter = 1
            while usedInGroup[deployment.modelName, default: []].contains(candidate) {
                counter += 1
                candidate = "\(base)#\(counter)"
            }
            usedInGroup[deployment.modelName, default: []].insert(candidate)
            deployment.id = candidate
            return deployment
        }
    }
}
