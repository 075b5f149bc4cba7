/// The payload of a `message_delta` stream event: top-level changes to the message.
///
/// `{"type": "message_delta", "delta": {"stop_reason", "stop_sequence"}, "usage": {…}}`.
/// `stop_sequence` is always written, as `null` when absent.
public struct AnthropicMessageDelta: Sendable, Hashable {
    public var stopReason: AnthropicStopReason?
    public var stopSequence: String?
    /// Unknown members of `delta` (`stop_details`, `container`…).
    public var deltaExtra: [String: JSONValue]
    /// Cumulative usage; the API always sends it, though some documented examples leave it out.
    public var usage: AnthropicMessageDeltaUsage?
    /// Unknown members of the event.
    public var extra: [String: JSONValue]

    public init(
        stopReason: AnthropicStopReason?,
        stopSequence: String? = nil,
        deltaExtra: [String: JSONValue] = [:],
        usage: AnthropicMessageDeltaUsage? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.stopReason = stopReason
        self.stopSequence = stopSequence
        self.deltaExtra = deltaExtra
        self.usage = usage
        self.extra = extra
    }
}

extension AnthropicMessageDelta: Codable {
    private enum CodingKeys: String, CodingKey {
        case delta
        case usage
    }

    private enum DeltaKeys: String, CodingKey, CaseIterable {
        case stopReason = "stop_reason"
        case stopSequence = "stop_sequence"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let delta = try container.decodeIfPresent(JSONValue.self, forKey: .delta)?.objectValue ?? [:]
        stopReason = delta["stop_reason"]?.stringValue.map(AnthropicStopReason.init(rawValue:))
        stopSequence = delta["stop_sequence"]?.stringValue
        deltaExtra = delta.filter { !DeltaKeys.allCases.map(\.stringValue).contains($0.key) }
        usage = try container.decodeIfPresent(AnthropicMessageDeltaUsage.self, forKey: .usage)
        extra = try decoder.extraFields(excluding: ["type", "delta", "usage"])
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var delta = deltaExtra
        delta["stop_reason"] = stopReason.map { .string($0.rawValue) } ?? .null
        delta["stop_sequence"] = stopSequence.map { .string($0) } ?? .null
        try container.encode(JSONValue.object(delta), forKey: .delta)
        try container.encodeIfPresent(usage, forKey: .usage)
        try encoder.encodeExtraFields(extra)
    }
}
