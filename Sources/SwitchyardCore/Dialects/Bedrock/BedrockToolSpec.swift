/// A function tool: `{"name", "description", "inputSchema": {"json": <JSON Schema>}}`.
public struct BedrockToolSpec: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// The JSON Schema of the tool's input.
    public var inputSchema: JSONValue

    public init(name: String, description: String? = nil, inputSchema: JSONValue) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
    }
}

extension BedrockToolSpec: Codable {
    private enum CodingKeys: String, CodingKey { case name, description, inputSchema }
    private enum SchemaKeys: String, CodingKey { case json }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        let schema = try container.nestedContainer(keyedBy: SchemaKeys.self, forKey: .inputSchema)
        inputSchema = try schema.decode(JSONValue.self, forKey: .json)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        var schema = container.nestedContainer(keyedBy: SchemaKeys.self, forKey: .inputSchema)
        try schema.encode(inputSchema, forKey: .json)
    }
}
