/// The `text` options of a Responses request: the answer's format.
///
/// Other members (`verbosity`…) are kept in `extra` and written back.
public struct ResponsesTextConfig: Sendable, Hashable {
    public var format: ResponsesTextFormat?
    public var extra: [String: JSONValue]

    public init(format: ResponsesTextFormat? = nil, extra: [String: JSONValue] = [:]) {
        self.format = format
        self.extra = extra
    }
}

extension ResponsesTextConfig: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case format
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decodeIfPresent(ResponsesTextFormat.self, forKey: .format)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(format, forKey: .format)
        try encoder.encodeExtraFields(extra)
    }
}
