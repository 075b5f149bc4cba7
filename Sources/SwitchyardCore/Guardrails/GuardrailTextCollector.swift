/// Gathers the texts of a request body; one extension per surface says where they are.
///
/// It reads any `JSONReadable`: a request's bytes in place (`JSONRawValue`), where a body in
/// which nothing is found costs no decoding beyond its texts, or a decoded answer.
struct GuardrailTextCollector {
    private(set) var texts: [GuardrailText] = []
    /// Where each text's string literal lies in the body, when it was read from bytes.
    private(set) var literals: [Range<Int>] = []
    /// A text could not be decoded: not valid UTF-8, or a lone surrogate escape.
    private(set) var unreadable = false

    /// A string content, or the `text` of each part whose `type` is one of `textTypes`
    /// (image, audio and file parts carry no text). A list: a literal set would be hashed
    /// together on every call, parts or not.
    mutating func addTextParts<Node: JSONReadable>(_ content: Node?, at path: JSONPath, _ role: GuardrailText.Role, textTypes: [String]) {
        guard let content, content.isArray else {
            add(content, at: path, role)
            return
        }
        for (index, part) in content.elements.enumerated() where part["type"]?.stringValue.map(textTypes.contains) == true {
            add(part["text"], at: path.index(index).key("text"), role)
        }
    }

    /// A string value at `path`; anything else is ignored. Paths are made only for the texts
    /// found: most members a collector looks at are absent.
    mutating func add<Node: JSONReadable>(_ value: Node?, at path: @autoclosure () -> JSONPath, _ role: GuardrailText.Role) {
        guard let value, value.isString else { return }
        guard let text = value.stringValue else {
            unreadable = true
            return
        }
        guard !text.isEmpty else { return }
        texts.append(GuardrailText(path: path(), text: text, role: role))
        if let range = value.byteRange { literals.append(range) }
    }

    /// A string, or each string of an array of strings (token arrays are skipped).
    mutating func addStrings<Node: JSONReadable>(_ value: Node?, at path: JSONPath, _ role: GuardrailText.Role) {
        if let value, value.isArray {
            for (index, element) in value.elements.enumerated() { add(element, at: path.index(index), role) }
        } else {
            add(value, at: path, role)
        }
    }

    /// Every string inside a JSON value: tool-call arguments and tool results given as objects.
    mutating func addLeaves<Node: JSONReadable>(_ value: Node?, at path: JSONPath, _ role: GuardrailText.Role) {
        guard let value else { return }
        switch value.kind {
        case .string: add(value, at: path, role)
        case .array:
            for (index, element) in value.elements.enumerated() { addLeaves(element, at: path.index(index), role) }
        case .object:
            for member in value.sortedMembers { addLeaves(member.value, at: path.key(member.key), role) }
        default: break
        }
    }

    /// Every `description` in a JSON schema (the tool's parameters), at any depth.
    mutating func addSchemaDescriptions<Node: JSONReadable>(_ schema: Node?, at path: JSONPath) {
        guard let schema else { return }
        switch schema.kind {
        case .object:
            for member in schema.sortedMembers {
                if member.key == "description", member.value.isString {
                    add(member.value, at: path.key(member.key), .toolDefinition)
                } else {
                    addSchemaDescriptions(member.value, at: path.key(member.key))
                }
            }
        case .array:
            for (index, element) in schema.elements.enumerated() { addSchemaDescriptions(element, at: path.index(index)) }
        default: break
        }
    }

    /// The elements of an array member with their paths.
    func elements<Node: JSONReadable>(_ value: Node?, at path: @autoclosure () -> JSONPath) -> [(value: Node, path: JSONPath)] {
        guard let value, value.isArray else { return [] }
        let path = path()
        return value.elements.enumerated().map { ($0.element, path.index($0.offset)) }
    }

    /// The first member present among `names` (Gemini accepts camelCase and snake_case).
    func member<Node: JSONReadable>(_ object: Node, _ names: String...) -> (value: Node, name: String)? {
        for name in names {
            if let value = object[name] { return (value, name) }
        }
        return nil
    }
}
