/// The `reasoning` options of a Responses request, echoed in the response.
///
/// `effort` and `summary` are always written, as `null` when absent, as OpenAI's responses do.
public struct ResponsesReasoning: Sendable, Hashable {
    public var effort: ReasoningEffort?
    /// `auto`, `concise` or `detailed`: how much of the reasoning to summarise.
    public var summary: String?
    /// Members this type does not model (`generate_summary`…).
    public var extra: [String: JSONValue]

    public init(effort: ReasoningEffort? = nil, summary: String? = nil, extra: [String: JSONValue] = [:]) {
        self.effort = effort
        self.summary = summary
        self.extra = extra
    }
}

extension ResponsesReasoning: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case effort
        case summary
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        effort = try container.decodeIfPresent(ReasoningEffort.self, forKey: .effort)
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(effort, forKey: .effort)
        try container.encode(summary, forKey: .summary)
        try encoder.encodeExtraFields(extra)
    }
}
