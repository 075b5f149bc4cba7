/// A fragment of a tool call in a stream chunk's `delta.tool_calls`.
///
/// The first fragment of a call carries `id`, `type` and `function.name`; later fragments
/// carry only `index` and a piece of `function.arguments` to append.
public struct ToolCallDelta: Sendable, Hashable {
    /// Which tool call of the choice this fragment belongs to.
    public var index: Int
    public var id: String?
    public var type: String?
    public var function: Function?
    public var extra: [String: JSONValue]

    public init(
        index: Int,
        id: String? = nil,
        type: String? = nil,
        function: Function? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.index = index
        self.id = id
        self.type = type
        self.function = function
        self.extra = extra
    }

    /// A fragment of the function called: its name once, then argument pieces.
    public struct Function: Sendable, Hashable {
        public var name: String?
        public var arguments: String?
        public var extra: [String: JSONValue]

        public init(name: String? = nil, arguments: String? = nil, extra: [String: JSONValue] = [:]) {
            self.name = name
            self.arguments = arguments
            self.extra = extra
        }
    }
}

extension ToolCallDelta: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case index
        case id
        case type
        case function
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
        id = try container.decodeIfPresent(String.self, forKey: .id)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        function = try container.decodeIfPresent(Function.self, forKey: .function)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(function, forKey: .function)
        try encoder.encodeExtraFields(extra)
    }
}

extension ToolCallDelta.Function: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case arguments
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        arguments = try container.decodeIfPresent(String.self, forKey: .arguments)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(arguments, forKey: .arguments)
        try encoder.encodeExtraFields(extra)
    }
}
