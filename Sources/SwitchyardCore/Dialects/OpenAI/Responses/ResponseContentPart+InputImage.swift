extension ResponseContentPart {
    /// The members of an `input_image` part: an `https:` or `data:` URL, or an uploaded file.
    ///
    /// The members sit beside `type` (Responses parts are flat, unlike chat's `image_url` object).
    public struct InputImage: Sendable, Hashable {
        public var imageURL: String?
        public var fileID: String?
        public var detail: ChatContentPart.ImageDetail?
        /// Unknown members of the part.
        public var extra: [String: JSONValue]

        public init(
            imageURL: String? = nil,
            fileID: String? = nil,
            detail: ChatContentPart.ImageDetail? = nil,
            extra: [String: JSONValue] = [:]
        ) {
            self.imageURL = imageURL
            self.fileID = fileID
            self.detail = detail
            self.extra = extra
        }
    }
}

extension ResponseContentPart.InputImage: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case imageURL = "image_url"
        case fileID = "file_id"
        case detail
    }

    /// Reads the part's members; `type` belongs to the enclosing part.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        imageURL = try container.decodeIfPresent(String.self, forKey: .imageURL)
        fileID = try container.decodeIfPresent(String.self, forKey: .fileID)
        detail = try container.decodeIfPresent(ChatContentPart.ImageDetail.self, forKey: .detail)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue) + ["type"]))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(imageURL, forKey: .imageURL)
        try container.encodeIfPresent(fileID, forKey: .fileID)
        try container.encodeIfPresent(detail, forKey: .detail)
        try encoder.encodeExtraFields(extra)
    }
}
