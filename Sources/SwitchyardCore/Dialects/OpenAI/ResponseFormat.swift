/// The format the answer must take (`response_format`), a union discriminated by `type`.
public enum ResponseFormat: Sendable, Hashable {
    /// `{"type": "text"}`
    case text
    /// `{"type": "json_object"}`: JSON mode, any valid JSON object.
    case jsonObject
    /// `{"type": "json_schema", "json_schema": {…}}`: structured outputs.
    case jsonSchema(JSONSchema)
    /// A format of another type, kept whole.
    case other(JSONValue)

    /// The `json_schema` member of a structured-outputs format.
    public struct JSONSchema: Sendable, Hashable {
        public var name: String
        public var description: String?
        /// The JSON Schema the answer must match; carried without interpretation.
        public var schema: JSONValue?
        public var strict: Bool?
        public var extra: [String: JSONValue]

        public init(
            name: String,
            description: String? = nil,
            schema: JSONValue? = nil,
            strict: Bool? = nil,
            extra: [String: JSONValue] = [:]
        ) {
            self.name = name
            self.description = description
            self.schema = schema
            self.strict = strict
            self.extra = extra
        }
    }
}

extension ResponseFormat: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case jsonSchema = "json_schema"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text": self = .text
        case "json_object": self = .jsonObject
        case "json_schema": self = .jsonSchema(try container.decode(JSONSchema.self, forKey: .jsonSchema))
        default: self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        if case .other(let value) = self {
            try value.encode(to: encoder)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text:
            try container.encode("text", forKey: .type)
        case .jsonObject:
            try container.encode("json_object", forKey: .type)
        case .jsonSchema(let schema):
            try container.encode("json_schema", forKey: .type)
            try container.encode(schema, forKey: .jsonSchema)
        case .other:
            break
        }
    }
}

extension ResponseFormat.JSONSchema: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case description
        case schema
        case strict
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        schema = try container.decodeIfPresent(JSONValue.self, forKey: .schema)
        strict = try container.decodeIfPresent(Bool.self, forKey: .strict)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(schema, forKey: .schema)
        try container.encodeIfPresent(strict, forKey: .strict)
        try encoder.encodeExtraFields(extra)
    }
}
