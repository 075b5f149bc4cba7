/// One turn of a Gemini conversation (`Content`): who spoke and the parts they said.
///
/// `role` is optional on the wire: `systemInstruction` has none, and a missing role in
/// `contents` means `user`.
public struct GeminiContent: Sendable, Hashable {
    public var role: GeminiRole?
    public var parts: [GeminiPart]
    public var extra: [String: JSONValue]

    public init(role: GeminiRole? = nil, parts: [GeminiPart], extra: [String: JSONValue] = [:]) {
        self.role = role
        self.parts = parts
        self.extra = extra
    }
}

extension GeminiContent: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        role = try reader.optional(GeminiRole.self, "role")
        parts = try reader.optional([GeminiPart].self, "parts") ?? []
        extra = try reader.extra(known: ["role", "parts"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(role, "role")
        try writer.put(parts, "parts")
        try encoder.encodeExtraFields(extra)
    }
}
