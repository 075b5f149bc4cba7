/// A tool offered to the model in a request's `tools`: `{"type": "function", "function": {…}}`.
public struct ChatTool: Sendable, Hashable {
    /// Always `"function"` for function tools.
    public var type: String
    public var function: FunctionDefinition
    /// Unknown members (`cache_control`…).
    public var extra: [String: JSONValue]

    public init(type: String = "function", function: FunctionDefinition, extra: [String: JSONValue] = [:]) {
        self.type = type
        self.function = function
        self.extra = extra
    }
}

extension ChatTool: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case function
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        function = try container.decode(FunctionDefinition.self, forKey: .function)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(function, forKey: .function)
        try encoder.encodeExtraFields(extra)
    }
}
