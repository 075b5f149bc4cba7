/// One input of a `:predict` call (`instances[i]`); for Imagen, the prompt.
public struct GeminiPredictInstance: Sendable, Hashable {
    public var prompt: String?
    public var extra: [String: JSONValue]

    public init(prompt: String? = nil, extra: [String: JSONValue] = [:]) {
        self.prompt = prompt
        self.extra = extra
    }
}

extension GeminiPredictInstance: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        prompt = try reader.optional(String.self, "prompt")
        extra = try reader.extra(known: ["prompt"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(prompt, "prompt")
        try encoder.encodeExtraFields(extra)
    }
}
