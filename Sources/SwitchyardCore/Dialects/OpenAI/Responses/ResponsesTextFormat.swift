/// The format of a Responses answer (`text.format`), a union discriminated by `type`.
///
/// Structured outputs are flat here (`{"type": "json_schema", "name", "schema", "strict",
/// "description"}`), where chat nests the same members under `json_schema`.
public enum ResponsesTextFormat: Sendable, Hashable {
    /// `{"type": "text"}`
    case text
    /// `{"type": "json_object"}`: JSON mode, any valid JSON object.
    case jsonObject
    /// `{"type": "json_schema", …}`: structured outputs.
    case jsonSchema(ResponseFormat.JSONSchema)
    /// A format of another type, kept whole.
    case other(JSONValue)
}

extension ResponsesTextFormat: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text":
            self = .text
        case "json_object":
            self = .jsonObject
        case "json_schema":
            var schema = try ResponseFormat.JSONSchema(from: decoder)
            schema.extra["type"] = nil
            self = .jsonSchema(schema)
        default:
            self = .other(try JSONValue(from: decoder))
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
            try schema.encode(to: encoder)
        case .other:
            break
        }
    }
}
