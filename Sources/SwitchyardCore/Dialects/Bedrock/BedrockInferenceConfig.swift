/// Converse's sampling settings (`inferenceConfig`); absent members are omitted.
public struct BedrockInferenceConfig: Sendable, Hashable, Codable {
    public var maxTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var stopSequences: [String]?

    public init(maxTokens: Int? = nil, temperature: Double? = nil, topP: Double? = nil, stopSequences: [String]? = nil) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.stopSequences = stopSequences
    }

    /// Whether no member is set (the config is then left out of the request).
    public var isEmpty: Bool {
        maxTokens == nil && temperature == nil && topP == nil && stopSequences == nil
    }
}
