/// A `function_call` item: the model asking the client to run one of its function tools.
///
/// `callID` pairs the call with the `function_call_output` that answers it; `id` names the item.
public struct ResponseFunctionCall: Sendable, Hashable {
    public var id: String?
    public var callID: String
    public var name: String
    /// The arguments as a JSON text, exactly as the model wrote them (it may not parse).
    public var arguments: String
    public var status: ResponseItemStatus?
    /// Members this type does not model (`namespace`, `caller`…).
    public var extra: [String: JSONValue]

    public init(
        id: String? = nil,
        callID: String,
        name: String,
        arguments: String,
        status: ResponseItemStatus? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.callID = callID
        self.name = name
        self.arguments = arguments
        self.status = status
        self.extra = extra
    }
}

extension ResponseFunctionCall: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case type
        case callID = "call_id"
        case name
        case arguments
        case status
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        callID = try container.decode(String.self, forKey: .callID)
        name = try container.decode(String.self, forKey: .name)
        arguments = try container.decode(String.self, forKey: .arguments)
        status = try container.decodeIfPresent(ResponseItemStatus.self, forKey: .status)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode("function_call", forKey: .type)
        try container.encode(callID, forKey: .callID)
        try container.encode(name, forKey: .name)
        try container.encode(arguments, forKey: .arguments)
        try container.encodeIfPresent(status, forKey: .status)
        try encoder.encodeExtraFields(extra)
    }
}
