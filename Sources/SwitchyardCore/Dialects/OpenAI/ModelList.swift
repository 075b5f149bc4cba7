/// The body of `GET /v1/models` (`"object": "list"`).
public struct ModelList: Sendable, Hashable {
    public var object: String
    public var data: [ModelObject]
    public var extra: [String: JSONValue]

    public init(object: String = "list", data: [ModelObject], extra: [String: JSONValue] = [:]) {
        self.object = object
        self.data = data
        self.extra = extra
    }
}

extension ModelList: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case object
        case data
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        object = try container.decodeIfPresent(String.self, forKey: .object) ?? "list"
        data = try container.decode([ModelObject].self, forKey: .data)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(data, forKey: .data)
        try encoder.encodeExtraFields(extra)
    }
}
