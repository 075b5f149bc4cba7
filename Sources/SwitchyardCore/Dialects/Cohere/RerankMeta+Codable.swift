extension RerankMeta: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case apiVersion = "api_version"
        case billedUnits = "billed_units"
        case tokens
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(APIVersion.self, forKey: .apiVersion)
        billedUnits = try container.decodeIfPresent(BilledUnits.self, forKey: .billedUnits)
        tokens = try container.decodeIfPresent(Tokens.self, forKey: .tokens)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(apiVersion, forKey: .apiVersion)
        try container.encodeIfPresent(billedUnits, forKey: .billedUnits)
        try container.encodeIfPresent(tokens, forKey: .tokens)
        try encoder.encodeExtraFields(extra)
    }
}

extension RerankMeta.APIVersion: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case version }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(String.self, forKey: .version) ?? ""
        extra = try decoder.extraFields(excluding: ["version"])
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try encoder.encodeExtraFields(extra)
    }
}

extension RerankMeta.BilledUnits: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case searchUnits = "search_units"
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        searchUnits = try container.decodeIfPresent(Int.self, forKey: .searchUnits)
        inputTokens = try container.decodeIfPresent(Int.self, forKey: .inputTokens)
        outputTokens = try container.decodeIfPresent(Int.self, forKey: .outputTokens)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(searchUnits, forKey: .searchUnits)
        try container.encodeIfPresent(inputTokens, forKey: .inputTokens)
        try container.encodeIfPresent(outputTokens, forKey: .outputTokens)
        try encoder.encodeExtraFields(extra)
    }
}

extension RerankMeta.Tokens: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputTokens = try container.decodeIfPresent(Int.self, forKey: .inputTokens)
        outputTokens = try container.decodeIfPresent(Int.self, forKey: .outputTokens)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(inputTokens, forKey: .inputTokens)
        try container.encodeIfPresent(outputTokens, forKey: .outputTokens)
        try encoder.encodeExtraFields(extra)
    }
}
