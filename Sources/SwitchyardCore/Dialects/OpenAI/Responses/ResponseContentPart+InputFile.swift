extension ResponseContentPart {
    /// The members of an `input_file` part: inline base64 data, an uploaded file or a URL.
    public struct InputFile: Sendable, Hashable {
        public var fileData: String?
        public var fileID: String?
        public var filename: String?
        public var fileURL: String?
        /// Unknown members of the part.
        public var extra: [String: JSONValue]

        public init(
            fileData: String? = nil,
            fileID: String? = nil,
            filename: String? = nil,
            fileURL: String? = nil,
            extra: [String: JSONValue] = [:]
        ) {
            self.fileData = fileData
            self.fileID = fileID
            self.filename = filename
            self.fileURL = fileURL
            self.extra = extra
        }
    }
}

extension ResponseContentPart.InputFile: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case fileData = "file_data"
        case fileID = "file_id"
        case filename
        case fileURL = "file_url"
    }

    /// Reads the part's members; `type` belongs to the enclosing part.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fileData = try container.decodeIfPresent(String.self, forKey: .fileData)
        fileID = try container.decodeIfPresent(String.self, forKey: .fileID)
        filename = try container.decodeIfPresent(String.self, forKey: .filename)
        fileURL = try container.decodeIfPresent(String.self, forKey: .fileURL)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue) + ["type"]))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(fileData, forKey: .fileData)
        try container.encodeIfPresent(fileID, forKey: .fileID)
        try container.encodeIfPresent(filename, forKey: .filename)
        try container.encodeIfPresent(fileURL, forKey: .fileURL)
        try encoder.encodeExtraFields(extra)
    }
}
