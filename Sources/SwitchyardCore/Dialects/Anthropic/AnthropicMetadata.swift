/// Request `metadata`: an opaque `user_id` (a hash or uuid, never personal data).
public struct AnthropicMetadata: Sendable, Hashable {
    public var userID: String?
    public var extra: [String: JSONValue]

    public init(userID: String? = nil, extra: [String: JSONValue] = [:]) {
        self.userID = userID
        self.extra = extra
    }
}

extension AnthropicMetadata: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case userID = "user_id"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userID = try container.decodeIfPresent(String.self, forKey: .userID)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(userID, forKey: .userID)
        try encoder.encodeExtraFields(extra)
    }
}
