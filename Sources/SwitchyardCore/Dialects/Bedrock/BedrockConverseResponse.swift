/// The body of a Converse answer: the assistant message, why it stopped, and token counts.
///
/// Members this type does not model (`trace`, `performanceConfig`…) stay in `extra`.
public struct BedrockConverseResponse: Sendable, Hashable {
    /// `output.message`; nil when the output is of a kind other than a message.
    public var message: BedrockMessage?
    public var stopReason: BedrockStopReason
    public var usage: BedrockTokenUsage?
    /// `{"latencyMs": …}`, carried without interpretation.
    public var metrics: JSONValue?
    public var additionalModelResponseFields: JSONValue?
    public var extra: [String: JSONValue]

    public init(
        message: BedrockMessage?,
        stopReason: BedrockStopReason,
        usage: BedrockTokenUsage? = nil,
        metrics: JSONValue? = nil,
        additionalModelResponseFields: JSONValue? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.message = message
        self.stopReason = stopReason
        self.usage = usage
        self.metrics = metrics
        self.additionalModelResponseFields = additionalModelResponseFields
        self.extra = extra
    }
}

extension BedrockConverseResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case output, stopReason, usage, metrics, additionalModelResponseFields
    }

    private enum OutputKeys: String, CodingKey { case message }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.output) {
            let output = try container.nestedContainer(keyedBy: OutputKeys.self, forKey: .output)
            message = try output.decodeIfPresent(BedrockMessage.self, forKey: .message)
        } else {
            message = nil
        }
        stopReason = try container.decodeIfPresent(BedrockStopReason.self, forKey: .stopReason) ?? .endTurn
        usage = try container.decodeIfPresent(BedrockTokenUsage.self, forKey: .usage)
        metrics = try container.decodeIfPresent(JSONValue.self, forKey: .metrics)
        additionalModelResponseFields = try container.decodeIfPresent(JSONValue.self, forKey: .additionalModelResponseFields)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var output = container.nestedContainer(keyedBy: OutputKeys.self, forKey: .output)
        try output.encodeIfPresent(message, forKey: .message)
        try container.encode(stopReason, forKey: .stopReason)
        try container.encodeIfPresent(usage, forKey: .usage)
        try container.encodeIfPresent(metrics, forKey: .metrics)
        try container.encodeIfPresent(additionalModelResponseFields, forKey: .additionalModelResponseFields)
        try encoder.encodeExtraFields(extra)
    }
}
