import SwitchyardCore

/// One member of an admin answer: its name, its schema, and how it is read from the subject.
/// `AdminViews` renders keys, teams and users from tables of these, and `/openapi.json`
/// describes the same tables, so an answer cannot carry a member its description lacks.
struct AdminViewField<Subject> {
    let name: String
    let schema: APISchema
    let value: (Subject) -> JSONValue

    static func string(_ name: String, _ path: KeyPath<Subject, String>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.string.described(about)) { .string($0[keyPath: path]) }
    }

    static func optionalString(_ name: String, _ path: KeyPath<Subject, String?>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.string.nullable.described(about)) { $0[keyPath: path].map(JSONValue.string) ?? .null }
    }

    static func strings(_ name: String, _ path: KeyPath<Subject, [String]>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.strings.described(about)) { .array($0[keyPath: path].map(JSONValue.string)) }
    }

    static func number(_ name: String, _ path: KeyPath<Subject, Double>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.number.described(about)) { .number($0[keyPath: path]) }
    }

    static func optionalNumber(_ name: String, _ path: KeyPath<Subject, Double?>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.number.nullable.described(about)) { $0[keyPath: path].map(JSONValue.number) ?? .null }
    }

    static func optionalInteger(_ name: String, _ path: KeyPath<Subject, Int?>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.integer.nullable.described(about)) { $0[keyPath: path].map { .number(Double($0)) } ?? .null }
    }

    static func storageLimit(_ path: KeyPath<Subject, Int64?>, _ about: String) -> Self {
        Self(name: "max_storage_bytes", schema: APISchema.integer.nullable.described(about)) { $0[keyPath: path].map { .number(Double($0)) } ?? .null }
    }

    static func flag(_ name: String, _ path: KeyPath<Subject, Bool>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.boolean.described(about)) { .bool($0[keyPath: path]) }
    }

    static func object(_ name: String, _ path: KeyPath<Subject, [String: JSONValue]>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.anyObject.described(about)) { .object($0[keyPath: path]) }
    }

    /// A Unix time, answered as an ISO 8601 time in UTC.
    static func time(_ name: String, _ path: KeyPath<Subject, Double>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.dateTime.described(about)) { .string(ISOTime.format($0[keyPath: path])) }
    }

    static func optionalTime(_ name: String, _ path: KeyPath<Subject, Double?>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.dateTime.nullable.described(about)) { $0[keyPath: path].map { .string(ISOTime.format($0)) } ?? .null }
    }

    /// The same member read from a value that holds the subject (a key's limits).
    func lifted<Outer>(_ path: KeyPath<Outer, Subject>) -> AdminViewField<Outer> {
        let value = value
        return AdminViewField<Outer>(name: name, schema: schema) { value($0[keyPath: path]) }
    }
}

extension AdminViewField {
    /// The object `fields` make of `subject`.
    static func render(_ fields: [Self], _ subject: Subject) -> [String: JSONValue] {
        Dictionary(fields.map { ($0.name, $0.value(subject)) }, uniquingKeysWith: { _, last in last })
    }

    /// The schema of that object: every member is always present.
    static func schema(_ fields: [Self]) -> APISchema {
        .object(fields.map { ($0.name, $0.schema) }, required: fields.map(\.name))
    }
}
