/// A call the model asks the client to make (`functionCall`): a declared function's name and
/// its arguments as a JSON object.
///
/// `id` appears in some responses; the Gemini API rejects it in requests, so translators never
/// send it upstream.
public struct GeminiFunctionCall: Sendable, Hashable {
    public var id: String?
    public var name: String
    public var args: [String: JSONValue]?
    public var extra: [String: JSONValue]

    public init(id: String? = nil, name: String, args: [String: JSONValue]? = nil, extra: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.args = args
        self.extra = extra
    }
}

extension GeminiFunctionCall: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        id = try reader.optional(String.self, "id")
        name = try reader.optional(String.self, "name") ?? ""
        args = try reader.optional([String: JSONValue].self, "args")
        extra = try reader.extra(known: ["id", "name", "args"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(id, "id")
        try writer.put(name, "name")
        try writer.put(args, "args")
        try encoder.encodeExtraFields(extra)
    }
}
