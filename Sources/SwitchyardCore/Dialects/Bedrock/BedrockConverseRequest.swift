/// The body of Bedrock's `POST /model/{modelId}/converse` and `/converse-stream`.
///
/// The model id travels in the path, not here. Absent members are omitted when encoding;
/// members this type does not model (`promptVariables`, `outputConfig`…) stay in `extra`.
public struct BedrockConverseRequest: Sendable, Hashable {
    public var messages: [BedrockMessage]
    public var system: [BedrockSystemBlock]?
    public var inferenceConfig: BedrockInferenceConfig?
    public var toolConfig: BedrockToolConfig?
    /// Model-specific fields Converse passes to the model as they are (`thinking`, `top_k`).
    public var additionalModelRequestFields: [String: JSONValue]?
    public var guardrailConfig: JSONValue?
    public var performanceConfig: JSONValue?
    public var requestMetadata: [String: String]?
    public var additionalModelResponseFieldPaths: [String]?
    public var extra: [String: JSONValue]

    public init(
        messages: [BedrockMessage],
        system: [BedrockSystemBlock]? = nil,
        inferenceConfig: BedrockInferenceConfig? = nil,
        toolConfig: BedrockToolConfig? = nil,
        additionalModelRequestFields: [String: JSONValue]? = nil,
        guardrailConfig: JSONValue? = nil,
        performanceConfig: JSONValue? = nil,
        requestMetadata: [String: String]? = nil,
        additionalModelResponseFieldPaths: [String]? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.messages = messages
        self.system = system
        self.inferenceConfig = inferenceConfig
        self.toolConfig = toolConfig
        self.additionalModelRequestFields = additionalModelRequestFields
        self.guardrailConfig = guardrailConfig
        self.performanceConfig = performanceConfig
        self.requestMetadata = requestMetadata
        self.additionalModelResponseFieldPaths = additionalModelResponseFieldPaths
        self.extra = extra
    }
}

extension BedrockConverseRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case messages, system, inferenceConfig, toolConfig, additionalModelRequestFields
        case guardrailConfig, performanceConfig, requestMetadata, additionalModelResponseFieldPaths
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messages = try container.decodeIfPresent([BedrockMessage].self, forKey: .messages) ?? []
        system = try container.decodeIfPresent([BedrockSystemBlock].self, forKey: .system)
        inferenceConfig = try container.decodeIfPresent(BedrockInferenceConfig.self, forKey: .inferenceConfig)
        toolConfig = try container.decodeIfPresent(BedrockToolConfig.self, forKey: .toolConfig)
        additionalModelRequestFields = try container.decodeIfPresent(
            [String: JSONValue].self,
            forKey: .additionalModelRequestFields
        )
        guardrailConfig = try container.decodeIfPresent(JSONValue.self, forKey: .guardrailConfig)
        performanceConfig = try container.decodeIfPresent(JSONValue.self, forKey: .performanceConfig)
        requestMetadata = try container.decodeIfPresent([String: String].self, forKey: .requestMetadata)
        additionalModelResponseFieldPaths = try container.decodeIfPresent(
            [String].self,
            forKey: .additionalModelResponseFieldPaths
        )
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(messages, forKey: .messages)
        try container.encodeIfPresent(system, forKey: .system)
        try container.encodeIfPresent(inferenceConfig, forKey: .inferenceConfig)
        try container.encodeIfPresent(toolConfig, forKey: .toolConfig)
        try container.encodeIfPresent(additionalModelRequestFields, forKey: .additionalModelRequestFields)
        try container.encodeIfPresent(guardrailConfig, forKey: .guardrailConfig)
        try container.encodeIfPresent(performanceConfig, forKey: .performanceConfig)
        try container.encodeIfPresent(requestMetadata, forKey: .requestMetadata)
        try container.encodeIfPresent(additionalModelResponseFieldPaths, forKey: .additionalModelResponseFieldPaths)
        try encoder.encodeExtraFields(extra)
    }
}
