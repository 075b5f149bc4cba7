/// A `message` item: a turn of the conversation, in a request's `input` or a response's `output`.
///
/// Clients may send it without `type` (OpenAI's EasyInputMessage, `{"role":"user","content":"hi"}`);
/// it is always written with `"type": "message"`, which OpenAI accepts in input too.
public struct ResponseMessage: Sendable, Hashable {
    public var id: String?
    /// `user`, `assistant`, `system` or `developer`; open like chat roles.
    public var role: ChatRole
    public var content: ResponseContent
    public var status: ResponseItemStatus?
    /// Members this type does not model (`phase`…).
    public var extra: [String: JSONValue]

    public init(
        id: String? = nil,
        role: ChatRole,
        content: ResponseContent,
        status: ResponseItemStatus? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.role = role
        self.content = content
        self.status = status
        self.extra = extra
    }
}

extension ResponseMessage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case type
        case role
        case content
        case status
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        role = try container.decode(ChatRole.self, forKey: .role)
        content = try container.decode(ResponseContent.self, forKey: .content)
        status = try container.decodeIfPresent(ResponseItemStatus.self, forKey: .status)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode("message", forKey: .type)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
        try container.encodeIfPresent(status, forKey: .status)
        try encoder.encodeExtraFields(extra)
    }
}
