/// The body of `POST /v1beta/models/{imagen model}:predict`: Imagen's picture generation.
///
/// One instance holds the prompt; `parameters` says how many pictures and of what shape.
public struct GeminiPredictRequest: Sendable, Hashable {
    public var instances: [GeminiPredictInstance]
    public var parameters: GeminiPredictParameters?
    public var extra: [String: JSONValue]

    public init(
        instances: [GeminiPredictInstance],
        parameters: GeminiPredictParameters? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.instances = instances
        self.parameters = parameters
        self.extra = extra
    }
}

extension GeminiPredictRequest: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        instances = try reader.optional([GeminiPredictInstance].self, "instances") ?? []
        parameters = try reader.optional(GeminiPredictParameters.self, "parameters")
        extra = try reader.extra(known: ["instances", "parameters"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(instances, "instances")
        try writer.put(parameters, "parameters")
        try encoder.encodeExtraFields(extra)
    }
}
