/// A `function_call_output` item: the client's result for one function call.
public struct ResponseFunctionCallOutput: Sendable, Hashable {
    public var id: String?
    /// The `call_id` of the `function_call` this answers.
    public var callID: String
    /// The result: a string, or input parts (text, images, files).
    public var output: ResponseContent
    public var status: ResponseItemStatus?
    /// Members this type does not model.
    public var extra: [String: JSONValue]

    public init(
        id: String? = nil,
        callID: String,
        output: ResponseContent,
        status: ResponseItemStatus? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.callID = callID
        self.output = output
        self.status = status
        self.extra = extra
    }
}

extension ResponseFunctionCallOutput: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case type
        case callID = "call_id"
        case output
        case status
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        callID = try container.decode(String.self, forKey: .callID)
        output = try container.decode(ResponseContent.self, forKey: .output)
        status = try container.decodeIfPresent(ResponseItemStatus.self, forKey: .status)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode("function_call_output", forKey: .type)
        try container.encode(callID, forKey: .callID)
        try container.encode(output, forKey: .output)
        try container.encodeIfPresent(status, forKey: .status)
        try encoder.encodeExtraFields(extra)
    }
}
