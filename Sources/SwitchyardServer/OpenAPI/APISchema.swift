import SwitchyardCore

/// A JSON Schema in OpenAPI 3.1's dialect (JSON Schema 2020-12), built from a few
/// constructors so route descriptions read like the shapes they describe.
struct APISchema: Sendable {
    let json: JSONValue

    init(_ json: JSONValue) {
        self.json = json
    }

    static let string = APISchema(["type": "string"])
    static let number = APISchema(["type": "number"])
    static let integer = APISchema(["type": "integer"])
    static let boolean = APISchema(["type": "boolean"])
    /// Any JSON value.
    static let anyValue = APISchema([:])
    /// An object with members of any kind.
    static let anyObject = APISchema(["type": "object"])
    /// A time as `2026-11-24T20:00:00Z`.
    static let dateTime = APISchema(["type": "string", "format": "date-time"])
    /// Several strings.
    static let strings = array(.string)
    /// A number of 0 or more, as the admin API's budgets are.
    static let nonNegative = APISchema(["type": "number", "minimum": 0])
    /// A whole number of 0 or more, as the admin API's limits are.
    static let nonNegativeInteger = APISchema(["type": "integer", "minimum": 0])

    static func array(_ items: APISchema) -> APISchema {
        APISchema(["type": "array", "items": items.json])
    }

    /// An object whose members are `properties`; `required` must be present. Members not
    /// named are allowed unless `closed`.
    static func object(_ properties: [(String, APISchema)], required: [String] = [], closed: Bool = false) -> APISchema {
        var schema: [String: JSONValue] = [
            "type": "object",
            "properties": .object(Dictionary(properties.map { ($0.0, $0.1.json) }, uniquingKeysWith: { _, last in last })),
        ]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        if closed { schema["additionalProperties"] = false }
        return APISchema(.object(schema))
    }

    /// A reference to `#/components/schemas/<name>`.
    static func ref(_ name: String) -> APISchema {
        APISchema(["$ref": .string("#/components/schemas/\(name)")])
    }

    /// Any one of `choices`.
    static func oneOf(_ choices: [APISchema]) -> APISchema {
        APISchema(["oneOf": .array(choices.map(\.json))])
    }

    /// This schema, or null.
    var nullable: APISchema {
        if case .object(var schema) = json, case .string(let type) = schema["type"] {
            schema["type"] = [.string(type), "null"]
            return APISchema(.object(schema))
        }
        return APISchema(["anyOf": [json, ["type": "null"]]])
    }

    /// This schema with a `description`.
    func described(_ text: String) -> APISchema {
        adding("description", .string(text))
    }

    /// This schema with one more keyword (`pattern`, `minLength`, `enum`…); OpenAPI 3.1
    /// allows keywords next to a `$ref` too.
    func adding(_ keyword: String, _ value: JSONValue) -> APISchema {
        guard case .object(var schema) = json else { return self }
        schema[keyword] = value
        return APISchema(.object(schema))
    }
}
