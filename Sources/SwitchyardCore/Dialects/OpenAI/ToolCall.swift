/// A call the assistant asks the client to make, in an assistant message's `tool_calls`.
public struct ToolCall: Sendable, Hashable {
    public var id: String
    /// Always `"function"` for function tools.
    public var type: String
    public var function: Function
    public var extra: [String: JSONValue]

    public init(id: String, type: String = "function", function: Function, extra: [String: JSONValue] = [:]) {
        self.id = id
        self.type = type
        self.function = function
        self.extra = extra
    }

    /// The function called and its arguments.
    public struct Function: Sendable, Hashable {
        public var name: String
        /// The arguments as a JSON text, exactly as the model wrote them (it may not parse).
        public var arguments: String
        public var extra: [String: JSONValue]

        public init(name: String, arguments: String, extra: [String: JSONValue] = [:]) {
            self.name = name
            self.arguments = arguments
            self.extra = extra
        }
    }
}

extension ToolCall: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case type
        case function
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "function"
        function = try container.decode(Function.self, forKey: .function)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(function, forKey: .function)
        try encoder.encodeExtraFields(extra)
    }
}

extension ToolCall.Function: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case arguments
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        arguments = try container.decode(String.self, forKey: .arguments)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(arguments, forKey: .arguments)
        try encoder.encodeExtraFields(extra)
    }
}
