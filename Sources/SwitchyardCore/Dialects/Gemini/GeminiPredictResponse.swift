/// The body of an Imagen `:predict` answer: one prediction per picture.
///
/// A picture the safety filters removed is either missing or, with `includeRaiReason`, a
/// prediction with `raiFilteredReason` and no bytes. `positivePromptSafetyAttributes` and
/// anything else stay in `extra`.
public struct GeminiPredictResponse: Sendable, Hashable {
    public var predictions: [GeminiPrediction]
    public var extra: [String: JSONValue]

    public init(predictions: [GeminiPrediction], extra: [String: JSONValue] = [:]) {
        self.predictions = predictions
        self.extra = extra
    }
}

extension GeminiPredictResponse: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        predictions = try reader.optional([GeminiPrediction].self, "predictions") ?? []
        extra = try reader.extra(known: ["predictions"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(predictions, "predictions")
        try encoder.encodeExtraFields(extra)
    }
}
