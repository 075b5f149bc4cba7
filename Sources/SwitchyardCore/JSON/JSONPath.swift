/// Where a value sits inside a JSON document: `messages[2].content[0].text`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The path of a member of the object at this path.
    public func key(_ name: String) -> JSONPath {
        appending(.key(name))
    }

    /// The path of an element of the array at this path.
    public func index(_ position: Int) -> JSONPath {
        appending(.index(position))
    }

    /// One allocation: the copy of `components` that the append makes.
    private func appending(_ component: Component) -> JSONPath {
        var path = self
        path.components.append(component)
        return path
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let name): text += text.isEmpty ? name : ".\(name)"
            case .index(let position): text += "[\(position)]"
            }
        }
        return text
    }
}
