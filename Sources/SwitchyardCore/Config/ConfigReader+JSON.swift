import Yams

extension ConfigReader {
    /// Any YAML value as JSON, for keys kept without interpretation.
    ///
    /// Scalars keep their YAML type (`60` is a number, `"60"` a string); `os.environ/NAME`
    /// strings are resolved, and a member whose variable is missing is left out (nil at the top).
    mutating func json(_ node: Node, at path: ConfigPath) -> JSONValue? {
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.null.rawValue:
                return .null
            case Tag.Name.bool.rawValue:
                if let value = node.bool { return .bool(value) }
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
                if let value = node.float, value.isFinite { return .number(value) }
            default:
                break
            }
            return resolvingEnvironment(scalar.string, at: path, node: node).map(JSONValue.string)
        case .mapping:
            var object: [String: JSONValue] = [:]
            for entry in entries(of: node, at: path) ?? [] {
                object[entry.key] = json(entry.value, at: entry.path)
            }
            return .object(object)
        case .sequence(let sequence):
            var array: [JSONValue] = []
            for (index, item) in sequence.enumerated() {
                if let value = json(item, at: path.index(index)) { array.append(value) }
            }
            return .array(array)
        case .alias:
            return .null
        }
    }
}
