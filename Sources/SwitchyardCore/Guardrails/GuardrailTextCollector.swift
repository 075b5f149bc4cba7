/// Gathers the texts of a request body; one extension per surface says where they are.
struct GuardrailTextCollector {
    private(set) var texts: [GuardrailText] = []

    /// A string content, or the `text` of each part whose `type` is one of `textTypes`
    /// (image, audio and file parts carry no text).
    mutating func addTextParts(_ content: JSONValue?, at path: JSONPath, _ role: GuardrailText.Role, textTypes: Set<String>) {
        guard let parts = content?.arrayValue else {
            add(content, at: path, role)
            return
        }
        for (index, part) in parts.enumerated() where part["type"]?.stringValue.map(textTypes.contains) == true {
            add(part["text"], at: path.index(index).key("text"), role)
        }
    }

    /// A string value at `path`; anything else is ignored.
    mutating func add(_ value: JSONValue?, at path: JSONPath, _ role: GuardrailText.Role) {
        guard let text = value?.stringValue, !text.isEmpty else { return }
        texts.append(GuardrailText(path: path, text: text, role: role))
    }

    /// A string, or each string of an array of strings (token arrays are skipped).
    mutating func addStrings(_ value: JSONValue?, at path: JSONPath, _ role: GuardrailText.Role) {
        if let elements = value?.arrayValue {
            for (index, element) in elements.enumerated() { add(element, at: path.index(index), role) }
        } else {
            add(value, at: path, role)
        }
    }

    /// Every string inside a JSON value: tool-call arguments and tool results given as objects.
    mutating func addLeaves(_ value: JSONValue?, at path: JSONPath, _ role: GuardrailText.Role) {
        switch value {
        case .string: add(value, at: path, role)
        case .array(let elements):
            for (index, element) in elements.enumerated() { addLeaves(element, at: path.index(index), role) }
        case .object(let members):
            for key in members.keys.sorted() { addLeaves(members[key], at: path.key(key), role) }
        default: break
        }
    }

    /// Every `description` in a JSON schema (the tool's parameters), at any depth.
    mutating func addSchemaDescriptions(_ schema: JSONValue?, at path: JSONPath) {
        switch schema {
        case .object(let members):
            for key in members.keys.sorted() {
                if key == "description", members[key]?.stringValue != nil {
                    add(members[key], at: path.key(key), .toolDefinition)
                } else {
                    addSchemaDescriptions(members[key], at: path.key(key))
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { addSchemaDescriptions(element, at: path.index(index)) }
        default: break
        }
    }

    /// The elements of an array member with their paths.
    func elements(_ value: JSONValue?, at path: JSONPath) -> [(value: JSONValue, path: JSONPath)] {
        (value?.arrayValue ?? []).enumerated().map { ($0.element, path.index($0.offset)) }
    }

    /// The first member present among `names` (Gemini accepts camelCase and snake_case).
    func member(_ object: JSONValue, _ names: String...) -> (value: JSONValue, name: String)? {
        for name in names {
            if let value = object[name] { return (value, name) }
        }
        return nil
    }
}
