/// One part of a multi-part message `content`, a union discriminated by `type`.
///
/// Each known case carries the part's unknown members (`cache_control`…) in `extra`;
/// a part of an unknown type is kept whole in `.other` and written back unchanged.
public enum ChatContentPart: Sendable, Hashable {
    /// `{"type": "text", "text": …}`
    case text(String, extra: [String: JSONValue] = [:])
    /// `{"type": "image_url", "image_url": {"url", "detail"}}`
    case imageURL(ImageURL, extra: [String: JSONValue] = [:])
    /// `{"type": "input_audio", "input_audio": {"data", "format"}}`
    case inputAudio(InputAudio, extra: [String: JSONValue] = [:])
    /// `{"type": "file", "file": {"file_data", "file_id", "filename"}}`
    case file(File, extra: [String: JSONValue] = [:])
    /// A part of a type this gateway does not model.
    case other(JSONValue)

    /// The wire `type` of the part.
    public var type: String {
        switch self {
        case .text: "text"
        case .imageURL: "image_url"
        case .inputAudio: "input_audio"
        case .file: "file"
        case .other(let value): value["type"]?.stringValue ?? ""
        }
    }

    /// The text of a text part, nil for every other part.
    public var text: String? {
        if case .text(let text, _) = self { return text }
        return nil
    }
}

extension ChatContentPart: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case text
        case imageURL = "image_url"
        case inputAudio = "input_audio"
        case file
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "text":
            let text = try container.decode(String.self, forKey: .text)
            self = .text(text, extra: try decoder.extraFields(excluding: ["type", "text"]))
        case "image_url":
            let image = try container.decode(ImageURL.self, forKey: .imageURL)
            self = .imageURL(image, extra: try decoder.extraFields(excluding: ["type", "image_url"]))
        case "input_audio":
            let audio = try container.decode(InputAudio.self, forKey: .inputAudio)
            self = .inputAudio(audio, extra: try decoder.extraFields(excluding: ["type", "input_audio"]))
        case "file":
            let file = try container.decode(File.self, forKey: .file)
            self = .file(file, extra: try decoder.extraFields(excluding: ["type", "file"]))
        default:
            self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        if case .other(let value) = self {
            try value.encode(to: encoder)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .text(let text, let extra):
            try container.encode(text, forKey: .text)
            try encoder.encodeExtraFields(extra)
        case .imageURL(let image, let extra):
            try container.encode(image, forKey: .imageURL)
            try encoder.encodeExtraFields(extra)
        case .inputAudio(let audio, let extra):
            try container.encode(audio, forKey: .inputAudio)
            try encoder.encodeExtraFields(extra)
        case .file(let file, let extra):
            try container.encode(file, forKey: .file)
            try encoder.encodeExtraFields(extra)
        case .other:
            break
        }
    }
}
