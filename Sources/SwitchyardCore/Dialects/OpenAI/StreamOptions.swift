/// Options of a streamed request (`stream_options`).
public struct StreamOptions: Sendable, Hashable {
    /// When true the stream ends with a chunk carrying `usage` and no choices,
    /// and every earlier chunk carries `"usage": null`.
    public var includeUsage: Bool?
    public var extra: [String: JSONValue]

    public init(includeUsage: Bool? = nil, extra: [String: JSONValue] = [:]) {
        self.includeUsage = includeUsage
        self.extra = extra
    }
}

extension StreamOptions: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case includeUsage = "include_usage"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        includeUsage = try container.decodeIfPresent(Bool.self, forKey: .includeUsage)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(includeUsage, forKey: .includeUsage)
        try encoder.encodeExtraFields(extra)
    }
}
