/// A function the model may call: its name, what it does, and a JSON Schema of its arguments.
public struct FunctionDefinition: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// A JSON Schema object describing the arguments; carried without interpretation.
    public var parameters: JSONValue?
    /// Whether the model must follow `parameters` exactly (structured outputs).
    public var strict: Bool?
    public var extra: [String: JSONValue]

    public init(
        name: String,
        description: String? = nil,
        parameters: JSONValue? = nil,
        strict: Bool? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.strict = strict
        self.extra = extra
    }
}

extension FunctionDefinition: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case description
        case parameters
        case strict
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        parameters = try container.decodeIfPresent(JSONValue.self, forKey: .parameters)
        strict = try container.decodeIfPresent(Bool.self, forKey: .strict)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(parameters, forKey: .parameters)
        try container.encodeIfPresent(strict, forKey: .strict)
        try encoder.encodeExtraFields(extra)
    }
}
