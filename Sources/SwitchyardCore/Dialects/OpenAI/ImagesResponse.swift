/// The body of an images answer (`/v1/images/generations`, `/v1/images/edits`).
///
/// GPT image models echo the `background`, `output_format`, `quality` and `size` they used and
/// report token `usage`; DALL·E answers have only `created` and `data`.
public struct ImagesResponse: Sendable, Hashable {
    /// Unix time in seconds.
    public var created: Int
    public var data: [ImageData]
    public var usage: ImagesUsage?
    public var background: String?
    public var outputFormat: String?
    public var quality: String?
    public var size: String?
    public var extra: [String: JSONValue]

    public init(
        created: Int,
        data: [ImageData],
        usage: ImagesUsage? = nil,
        background: String? = nil,
        outputFormat: String? = nil,
        quality: String? = nil,
        size: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.created = created
        self.data = data
        self.usage = usage
        self.background = background
        self.outputFormat = outputFormat
        self.quality = quality
        self.size = size
        self.extra = extra
    }
}

extension ImagesResponse: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case created
        case data
        case usage
        case background
        case outputFormat = "output_format"
        case quality
        case size
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        created = try container.decodeIfPresent(Int.self, forKey: .created) ?? 0
        data = try container.decodeIfPresent([ImageData].self, forKey: .data) ?? []
        usage = try container.decodeIfPresent(ImagesUsage.self, forKey: .usage)
        background = try container.decodeIfPresent(String.self, forKey: .background)
        outputFormat = try container.decodeIfPresent(String.self, forKey: .outputFormat)
        quality = try container.decodeIfPresent(String.self, forKey: .quality)
        size = try container.decodeIfPresent(String.self, forKey: .size)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(created, forKey: .created)
        try container.encode(data, forKey: .data)
        try container.encodeIfPresent(usage, forKey: .usage)
        try container.encodeIfPresent(background, forKey: .background)
        try container.encodeIfPresent(outputFormat, forKey: .outputFormat)
        try container.encodeIfPresent(quality, forKey: .quality)
        try container.encodeIfPresent(size, forKey: .size)
        try encoder.encodeExtraFields(extra)
    }
}
