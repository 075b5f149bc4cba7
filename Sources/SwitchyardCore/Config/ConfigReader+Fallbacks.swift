import Yams

extension ConfigReader {
    /// Reads a fallback or retry key shared by router_settings and litellm_settings; false if `entry` is none.
    mutating func readFallbackField(
        _ entry: ConfigEntry, into fields: inout FallbackFields, references: inout [ModelReference]
    ) -> Bool {
        switch entry.key {
        case "num_retries":
            fields.numRetries = integer(entry.value, at: entry.path)
        case "fallbacks":
            fields.fallbacks = readFallbackMap(entry, references: &references)
        case "context_window_fallbacks":
            fields.contextWindowFallbacks = readFallbackMap(entry, references: &references)
        case "content_policy_fallbacks":
            fields.contentPolicyFallbacks = readFallbackMap(entry, references: &references)
        case "default_fallbacks":
            let targets = stringItems(entry.value, at: entry.path) ?? []
            references += targets.map { ModelReference(name: $0.value, role: .fallbackTarget, node: $0.node, path: $0.path) }
            fields.defaultFallbacks = targets.map(\.value)
        default:
            return false
        }
        return true
    }

    /// LiteLLM's fallback form: a list of single-key mappings, `[{gpt-4o: [claude, gpt-4o-mini]}]`.
    private mutating func readFallbackMap(_ entry: ConfigEntry, references: inout [ModelReference]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for item in items(of: entry.value, at: entry.path) ?? [] {
            guard case .mapping = item.node, let members = entries(of: item.node, at: item.path),
                members.count == 1, let member = members.first
            else {
                error(item.path, "expected a single-key mapping like {gpt-4o: [claude]}", at: item.node)
                continue
            }
            guard let targets = stringItems(member.value, at: member.path) else { continue }
            references.append(ModelReference(name: member.key, role: .fallbackSource, node: member.keyNode, path: member.path))
            references += targets.map { ModelReference(name: $0.value, role: .fallbackTarget, node: $0.node, path: $0.path) }
            result[member.key] = targets.map(\.value)
        }
        return result
    }
}
