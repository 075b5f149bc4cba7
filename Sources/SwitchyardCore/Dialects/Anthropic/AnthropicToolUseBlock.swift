/// A `tool_use` content block: the model calls a tool with a JSON object `input`.
public struct AnthropicToolUseBlock: Sendable, Hashable {
    /// `toolu_…`; a `tool_result` block answers it by this id.
    public var id: String
    public var name: String
    /// The arguments, a JSON object.
    public var input: JSONValue
    /// Unknown members (`cache_control`, `caller`…).
    public var extra: [String: JSONValue]

    public init(id: String, name: String, input: JSONValue = .object([:]), extra: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.input = input
        self.extra = extra
    }
}

extension AnthropicToolUseBlock: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case name
        case input
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        input = try container.decodeIfPresent(JSONValue.self, forKey: .input) ?? .object([:])
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue) + ["type"]))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(input, forKey: .input)
        try encoder.encodeExtraFields(extra)
    }
}
