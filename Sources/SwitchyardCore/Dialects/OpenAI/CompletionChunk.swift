/// One event of a streamed legacy text completion (also `"object": "text_completion"`).
///
/// Each choice carries a piece of `text`; `usage` follows the same rules as
/// `ChatCompletionChunk` under `stream_options.include_usage`.
public struct CompletionChunk: Sendable, Hashable {
    public var id: String
    public var object: String
    /// Unix time in seconds, the same on every chunk of a stream.
    public var created: Int
    public var model: String
    public var choices: [CompletionChoice]
    public var usage: Usage?
    /// Whether a nil `usage` is written as `"usage": null` rather than omitted.
    public var usageIsExplicitNull: Bool
    public var systemFingerprint: String?
    public var extra: [String: JSONValue]

    public init(
        id: String,
        object: String = "text_completion",
        created: Int,
        model: String,
        choices: [CompletionChoice],
        usage: Usage? = nil,
        usageIsExplicitNull: Bool = false,
        systemFingerprint: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.object = object
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
        self.usageIsExplicitNull = usageIsExplicitNull
        self.systemFingerprint = systemFingerprint
        self.extra = extra
    }
}

extension CompletionChunk: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case object
        case created
        case model
        case choices
        case usage
        case systemFingerprint = "system_fingerprint"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        object = try container.decodeIfPresent(String.self, forKey: .object) ?? "text_completion"
        created = try container.decode(Int.self, forKey: .created)
        model = try container.decode(String.self, forKey: .model)
        choices = try container.decodeIfPresent([CompletionChoice].self, forKey: .choices) ?? []
        usage = try container.decodeIfPresent(Usage.self, forKey: .usage)
        usageIsExplicitNull = try container.contains(.usage) && container.decodeNil(forKey: .usage)
        systemFingerprint = try container.decodeIfPresent(String.self, forKey: .systemFingerprint)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(created, forKey: .created)
        try container.encode(model, forKey: .model)
        try container.encode(choices, forKey: .choices)
        if let usage {
            try container.encode(usage, forKey: .usage)
        } else if usageIsExplicitNull {
            try container.encodeNil(forKey: .usage)
        }
        try container.encodeIfPresent(systemFingerprint, forKey: .systemFingerprint)
        try encoder.encodeExtraFields(extra)
    }
}
