/// Token counts of an images answer (`usage`), reported by GPT image models.
public struct ImagesUsage: Sendable, Hashable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var totalTokens: Int
    public var inputTokensDetails: TokenDetails?
    public var outputTokensDetails: TokenDetails?
    public var extra: [String: JSONValue]

    public init(
        inputTokens: Int,
        outputTokens: Int,
        totalTokens: Int? = nil,
        inputTokensDetails: TokenDetails? = nil,
        outputTokensDetails: TokenDetails? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.totalTokens = totalTokens ?? inputTokens + outputTokens
        self.inputTokensDetails = inputTokensDetails
        self.outputTokensDetails = outputTokensDetails
        self.extra = extra
    }

    /// The split of a token count between text and pictures.
    public struct TokenDetails: Sendable, Hashable {
        public var textTokens: Int?
        public var imageTokens: Int?
        public var extra: [String: JSONValue]

        public init(textTokens: Int? = nil, imageTokens: Int? = nil, extra: [String: JSONValue] = [:]) {
            self.textTokens = textTokens
            self.imageTokens = imageTokens
            self.extra = extra
        }
    }
}

extension ImagesUsage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case totalTokens = "total_tokens"
        case inputTokensDetails = "input_tokens_details"
        case outputTokensDetails = "output_tokens_details"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputTokens = try container.decodeIfPresent(Int.self, forKey: .inputTokens) ?? 0
        outputTokens = try container.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0
        totalTokens = try container.decodeIfPresent(Int.self, forKey: .totalTokens) ?? inputTokens + outputTokens
        inputTokensDetails = try container.decodeIfPresent(TokenDetails.self, forKey: .inputTokensDetails)
        outputTokensDetails = try container.decodeIfPresent(TokenDetails.self, forKey: .outputTokensDetails)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputTokens, forKey: .inputTokens)
        try container.encode(outputTokens, forKey: .outputTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
        try container.encodeIfPresent(inputTokensDetails, forKey: .inputTokensDetails)
        try container.encodeIfPresent(outputTokensDetails, forKey: .outputTokensDetails)
        try encoder.encodeExtraFields(extra)
    }
}

extension ImagesUsage.TokenDetails: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case textTokens = "text_tokens"
        case imageTokens = "image_tokens"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        textTokens = try container.decodeIfPresent(Int.self, forKey: .textTokens)
        imageTokens = try container.decodeIfPresent(Int.self, forKey: .imageTokens)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(textTokens, forKey: .textTokens)
        try container.encodeIfPresent(imageTokens, forKey: .imageTokens)
        try encoder.encodeExtraFields(extra)
    }
}
