/// Schemas between Gemini's OpenAPI 3.0 subset and JSON Schema.
///
/// Gemini's `parameters` / `responseSchema` spell types in upper case (`OBJECT`, `STRING`) and
/// mark optional values with `nullable`; JSON Schema wants lower-case types and a `"null"` type.
/// Everything else is passed through: the subset's remaining keywords are JSON Schema's too.
enum GeminiSchema {
    /// The JSON Schema equivalent of an OpenAPI-subset schema.
    static func jsonSchema(fromOpenAPI schema: JSONValue) -> JSONValue {
        switch schema {
        case .object(var members):
            if let type = members["type"]?.stringValue {
                let lower = JSONValue.string(type.lowercased())
                members["type"] = members["nullable"]?.boolValue == true ? .array([lower, "null"]) : lower
            }
            members["nullable"] = nil
            if let properties = members["properties"]?.objectValue {
                members["properties"] = .object(properties.mapValues(jsonSchema(fromOpenAPI:)))
            }
            if let items = members["items"] {
                members["items"] = jsonSchema(fromOpenAPI: items)
            }
            if let anyOf = members["anyOf"]?.arrayValue {
                members["anyOf"] = .array(anyOf.map(jsonSchema(fromOpenAPI:)))
            }
            return .object(members)
        default:
            return schema
        }
    }
}
