/// How the model may use the declared tools (`toolConfig`).
///
/// `retrievalConfig` and other members stay in `extra`.
public struct GeminiToolConfig: Sendable, Hashable {
    public var functionCallingConfig: GeminiFunctionCallingConfig?
    public var extra: [String: JSONValue]

    public init(functionCallingConfig: GeminiFunctionCallingConfig? = nil, extra: [String: JSONValue] = [:]) {
        self.functionCallingConfig = functionCallingConfig
        self.extra = extra
    }
}

extension GeminiToolConfig: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        functionCallingConfig = try reader.optional(GeminiFunctionCallingConfig.self, "functionCallingConfig")
        extra = try reader.extra(known: ["functionCallingConfig"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(functionCallingConfig, "functionCallingConfig")
        try encoder.encodeExtraFields(extra)
    }
}
