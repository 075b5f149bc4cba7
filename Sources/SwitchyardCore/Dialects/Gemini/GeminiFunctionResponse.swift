/// The result of a function call, sent back by the client (`functionResponse`).
///
/// `response` is a JSON object; Google suggests `output` and `error` keys, but any object is
/// accepted. `parts`, `willContinue` and `scheduling` stay in `extra`.
public struct GeminiFunctionResponse: Sendable, Hashable {
    public var id: String?
    public var name: String
    public var response: [String: JSONValue]?
    public var extra: [String: JSONValue]

    public init(
        id: String? = nil,
        name: String,
        response: [String: JSONValue]? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.name = name
        self.response = response
        self.extra = extra
    }
}

extension GeminiFunctionResponse: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        id = try reader.optional(String.self, "id")
        name = try reader.optional(String.self, "name") ?? ""
        response = try reader.optional([String: JSONValue].self, "response")
        extra = try reader.extra(known: ["id", "name", "response"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(id, "id")
        try writer.put(name, "name")
        try writer.put(response, "response")
        try encoder.encodeExtraFields(extra)
    }
}
