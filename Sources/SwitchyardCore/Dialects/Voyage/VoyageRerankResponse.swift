/// The body of a Voyage rerank answer: `{object: "list", data: [{index, relevance_score,
/// document?}], model, usage: {total_tokens}}`, most relevant first.
public struct VoyageRerankResponse: Sendable, Hashable {
    public var object: String?
    /// Results in Cohere's member names; `document` is the string itself here.
    public var data: [RerankResult]
    public var model: String?
    /// Tokens read, the unit Voyage bills.
    public var totalTokens: Int?
    public var extra: [String: JSONValue]

    public init(
        object: String? = "list",
        data: [RerankResult],
        model: String? = nil,
        totalTokens: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.object = object
        self.data = data
        self.model = model
        self.totalTokens = totalTokens
        self.extra = extra
    }
}

extension VoyageRerankResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case object
        case data
        case model
        case usage
    }

    private enum UsageKeys: String, CodingKey { case totalTokens = "total_tokens" }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        object = try container.decodeIfPresent(String.self, forKey: .object)
        data = try container.decodeIfPresent([RerankResult].self, forKey: .data) ?? []
        model = try container.decodeIfPresent(String.self, forKey: .model)
        if container.contains(.usage), try !container.decodeNil(forKey: .usage) {
            let usage = try container.nestedContainer(keyedBy: UsageKeys.self, forKey: .usage)
            totalTokens = try usage.decodeIfPresent(Int.self, forKey: .totalTokens)
        }
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(object, forKey: .object)
        try container.encode(data, forKey: .data)
        try container.encodeIfPresent(model, forKey: .model)
        if let totalTokens {
            var usage = container.nestedContainer(keyedBy: UsageKeys.self, forKey: .usage)
            try usage.encode(totalTokens, forKey: .totalTokens)
        }
        try encoder.encodeExtraFields(extra)
    }
}
