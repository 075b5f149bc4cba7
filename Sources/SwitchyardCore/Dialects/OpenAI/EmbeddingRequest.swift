/// The body of `POST /v1/embeddings`.
public struct EmbeddingRequest: Sendable, Hashable {
    public var model: String
    public var input: EmbeddingInput
    /// `float` (the default) or `base64`.
    public var encodingFormat: EmbeddingEncodingFormat?
    /// The length of the vectors, for models that can shorten them.
    public var dimensions: Int?
    public var user: String?
    public var extra: [String: JSONValue]

    public init(
        model: String,
        input: EmbeddingInput,
        encodingFormat: EmbeddingEncodingFormat? = nil,
        dimensions: Int? = nil,
        user: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.input = input
        self.encodingFormat = encodingFormat
        self.dimensions = dimensions
        self.user = user
        self.extra = extra
    }
}

extension EmbeddingRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case input
        case encodingFormat = "encoding_format"
        case dimensions
        case user
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        input = try container.decode(EmbeddingInput.self, forKey: .input)
        encodingFormat = try container.decodeIfPresent(EmbeddingEncodingFormat.self, forKey: .encodingFormat)
        dimensions = try container.decodeIfPresent(Int.self, forKey: .dimensions)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(input, forKey: .input)
        try container.encodeIfPresent(encodingFormat, forKey: .encodingFormat)
        try container.encodeIfPresent(dimensions, forKey: .dimensions)
        try container.encodeIfPresent(user, forKey: .user)
        try encoder.encodeExtraFields(extra)
    }
}
