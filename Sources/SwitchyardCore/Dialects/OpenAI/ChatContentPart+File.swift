extension ChatContentPart {
    /// The `file` object of a file part: inline base64 data (`file_data`) or an uploaded `file_id`.
    public struct File: Sendable, Hashable {
        public var fileData: String?
        public var fileID: String?
        public var filename: String?
        /// Unknown members of the `file` object.
        public var extra: [String: JSONValue]

        public init(
            fileData: String? = nil,
            fileID: String? = nil,
            filename: String? = nil,
            extra: [String: JSONValue] = [:]
        ) {
            self.fileData = fileData
            self.fileID = fileID
            self.filename = filename
            self.extra = extra
        }
    }
}

extension ChatContentPart.File: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case fileData = "file_data"
        case fileID = "file_id"
        case filename
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fileData = try container.decodeIfPresent(String.self, forKey: .fileData)
        fileID = try container.decodeIfPresent(String.self, forKey: .fileID)
        filename = try container.decodeIfPresent(String.self, forKey: .filename)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(fileData, forKey: .fileData)
        try container.encodeIfPresent(fileID, forKey: .fileID)
        try container.encodeIfPresent(filename, forKey: .filename)
        try encoder.encodeExtraFields(extra)
    }
}
