/// A function the model may call (`FunctionDeclaration`).
///
/// Its arguments are described either by `parameters`, an OpenAPI 3.0 subset schema (upper-case
/// `type` names, `nullable`, no `additionalProperties`), or by `parametersJsonSchema`, plain JSON
/// Schema; the two are mutually exclusive. Both are carried without interpretation.
public struct GeminiFunctionDeclaration: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var parameters: JSONValue?
    public var parametersJsonSchema: JSONValue?
    /// `response`, `responseJsonSchema`, `behavior`…
    public var extra: [String: JSONValue]

    public init(
        name: String,
        description: String? = nil,
        parameters: JSONValue? = nil,
        parametersJsonSchema: JSONValue? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.parametersJsonSchema = parametersJsonSchema
        self.extra = extra
    }
}

extension GeminiFunctionDeclaration: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        name = try reader.required(String.self, "name")
        description = try reader.optional(String.self, "description")
        parameters = try reader.optional(JSONValue.self, "parameters")
        parametersJsonSchema = try reader.optional(JSONValue.self, "parametersJsonSchema")
        extra = try reader.extra(known: ["name", "description", "parameters", "parametersJsonSchema"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(name, "name")
        try writer.put(description, "description")
        try writer.put(parameters, "parameters")
        try writer.put(parametersJsonSchema, "parametersJsonSchema")
        try encoder.encodeExtraFields(extra)
    }
}
