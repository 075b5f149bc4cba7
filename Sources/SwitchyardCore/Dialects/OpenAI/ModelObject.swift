/// One model of `GET /v1/models`, or the body of `GET /v1/models/{id}` (`"object": "model"`).
public struct ModelObject: Sendable, Hashable {
    public var id: String
    public var object: String
    /// Unix time in seconds.
    public var created: Int
    public var ownedBy: String
    public var extra: [String: JSONValue]

    public init(id: String, object: String = "model", created: Int, ownedBy: String, extra: [String: JSONValue] = [:]) {
        self.id = id
        self.object = object
        self.created = created
        self.ownedBy = ownedBy
        self.extra = extra
    }
}

extension ModelObject: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case object
        case created
        case ownedBy = "owned_by"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        object = try container.decodeIfPresent(String.self, forKey: .object) ?? "model"
        created = try container.decodeIfPresent(Int.self, forKey: .created) ?? 0
        ownedBy = try container.decodeIfPresent(String.self, forKey: .ownedBy) ?? ""
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(created, forKey: .created)
        try container.encode(ownedBy, forKey: .ownedBy)
        try encoder.encodeExtraFields(extra)
    }
}
