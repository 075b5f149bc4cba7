/// The body of a non-streamed chat completion (`"object": "chat.completion"`).
public struct ChatCompletionResponse: Sendable, Hashable {
    public var id: String
    public var object: String
    /// Unix time in seconds.
    public var created: Int
    public var model: String
    public var choices: [ChatChoice]
    public var usage: Usage?
    public var systemFingerprint: String?
    public var serviceTier: ServiceTier?
    public var extra: [String: JSONValue]

    public init(
        id: String,
        object: String = "chat.completion",
        created: Int,
        model: String,
        choices: [ChatChoice],
        usage: Usage? = nil,
        systemFingerprint: String? = nil,
        serviceTier: ServiceTier? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.object = object
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
        self.systemFingerprint = systemFingerprint
        self.serviceTier = serviceTier
        self.extra = extra
    }
}

extension ChatCompletionResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case object
        case created
        case model
        case choices
        case usage
        case systemFingerprint = "system_fingerprint"
        case serviceTier = "service_tier"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        object = try container.decodeIfPresent(String.self, forKey: .object) ?? "chat.completion"
        created = try container.decode(Int.self, forKey: .created)
        model = try container.decode(String.self, forKey: .model)
        choices = try container.decode([ChatChoice].self, forKey: .choices)
        usage = try container.decodeIfPresent(Usage.self, forKey: .usage)
        systemFingerprint = try container.decodeIfPresent(String.self, forKey: .systemFingerprint)
        serviceTier = try container.decodeIfPresent(ServiceTier.self, forKey: .serviceTier)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(created, forKey: .created)
        try container.encode(model, forKey: .model)
        try container.encode(choices, forKey: .choices)
        try container.encodeIfPresent(usage, forKey: .usage)
        try container.encodeIfPresent(systemFingerprint, forKey: .systemFingerprint)
        try container.encodeIfPresent(serviceTier, forKey: .serviceTier)
        try encoder.encodeExtraFields(extra)
    }
}
