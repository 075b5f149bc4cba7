import Yams

extension ConfigReader {
    /// The members of a mapping, with YAML merge keys (`<<: *defaults`) applied.
    ///
    /// A null value reads as an empty mapping when `nullIsEmpty` (an empty section such as
    /// `router_settings:`); anything else that is not a mapping is an error and gives nil.
    mutating func entries(of node: Node, at path: ConfigPath, nullIsEmpty: Bool = true) -> [ConfigEntry]? {
        if nullIsEmpty, node.isYAMLNull { return [] }
        guard case .mapping(let mapping) = node else {
            error(path, "expected a mapping", at: node)
            return nil
        }
        var explicit: [ConfigEntry] = []
        var merged: [ConfigEntry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error(path, "mapping keys must be strings", at: keyNode)
                continue
            }
            if scalar.string == "<<", keyNode.tag.description == Tag.Name.merge.rawValue {
                merged += mergedEntries(of: value, at: path)
                continue
            }
            explicit.append(ConfigEntry(key: scalar.string, keyNode: keyNode, value: value, path: path.key(scalar.string)))
        }
        var seen = Set(explicit.map(\.key))
        for entry in merged where !seen.contains(entry.key) {
            seen.insert(entry.key)
            explicit.append(entry)
        }
        return explicit
    }

    /// What a merge key brings in: one mapping, or a list of them (earlier ones win).
    private mutating func mergedEntries(of value: Node, at path: ConfigPath) -> [ConfigEntry] {
        switch value {
        case .mapping:
            return entries(of: value, at: path, nullIsEmpty: false) ?? []
        case .sequence(let sequence):
            return sequence.flatMap { entries(of: $0, at: path, nullIsEmpty: false) ?? [] }
        default:
            error(path, "a merge key (<<) needs a mapping or a list of mappings", at: value)
            return []
        }
    }

    /// The items of a list with their paths; null reads as an empty list.
    mutating func items(of node: Node, at path: ConfigPath) -> [(node: Node, path: ConfigPath)]? {
        if node.isYAMLNull { return [] }
        guard case .sequence(let sequence) = node else {
            error(path, "expected a list", at: node)
            return nil
        }
        return sequence.enumerated().map { ($0.element, path.index($0.offset)) }
    }

    /// Reports a member this reader does not act on, telling apart keys LiteLLM knows.
    mutating func reportIgnored(_ entry: ConfigEntry, notSupportedYet: Set<String>) {
        if notSupportedYet.contains(entry.key) {
            warning(entry.path, "not supported yet, ignored", at: entry.keyNode)
        } else {
            warning(entry.path, "unknown key, ignored", at: entry.keyNode)
        }
    }
}

extension Node {
    /// Whether this is a YAML null (`~`, `null`, or nothing at all), not the quoted string "null".
    var isYAMLNull: Bool {
        guard case .scalar = self else { return false }
        return tag.description == Tag.Name.null.rawValue
    }
}
