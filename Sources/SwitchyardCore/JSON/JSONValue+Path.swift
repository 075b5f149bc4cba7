extension JSONValue {
    /// The value at `path`, or nil when a step does not exist.
    public subscript(path path: JSONPath) -> JSONValue? {
        var current = self
        for component in path.components {
            switch (component, current) {
            case (.key(let name), .object(let members)):
                guard let member = members[name] else { return nil }
                current = member
            case (.index(let position), .array(let elements)):
                guard elements.indices.contains(position) else { return nil }
                current = elements[position]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces the value at `path`; returns false, changing nothing, when the path does not
    /// exist (a member is never added).
    @discardableResult
    public mutating func replace(at path: JSONPath, with value: JSONValue) -> Bool {
        replace(at: path.components[...], with: value)
    }

    private mutating func replace(at components: ArraySlice<JSONPath.Component>, with value: JSONValue) -> Bool {
        guard let first = components.first else {
            self = value
            return true
        }
        let rest = components.dropFirst()
        switch (first, self) {
        case (.key(let name), .object(var members)):
            guard var member = members[name], member.replace(at: rest, with: value) else { return false }
            members[name] = member
            self = .object(members)
            return true
        case (.index(let position), .array(var elements)):
            guard elements.indices.contains(position), elements[position].replace(at: rest, with: value) else { return false }
            self = .array(elements)
            return true
        default:
            return false
        }
    }
}
