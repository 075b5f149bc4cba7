extension ChatContentPart {
    /// The `input_audio` object of an audio part: base64 audio bytes and their format (`wav`, `mp3`).
    public struct InputAudio: Sendable, Hashable {
        public var data: String
        public var format: String
        /// Unknown members of the `input_audio` object.
        public var extra: [String: JSONValue]

        public init(data: String, format: String, extra: [String: JSONValue] = [:]) {
            self.data = data
            self.format = format
            self.extra = extra
        }
    }
}

extension ChatContentPart.InputAudio: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case data
        case format
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decode(String.self, forKey: .data)
        format = try container.decode(String.self, forKey: .format)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(format, forKey: .format)
        try encoder.encodeExtraFields(extra)
    }
}
