/// One part of a message item's `content`, a union discriminated by `type`.
///
/// Input parts (`input_text`, `input_image`, `input_file`) come from the client; output parts
/// (`output_text`, `refusal`) from the model. Each known case keeps its unknown members in
/// `extra`; a part of an unknown type is kept whole in `.other` and written back unchanged.
public enum ResponseContentPart: Sendable, Hashable {
    /// `{"type": "input_text", "text": …}`
    case inputText(String, extra: [String: JSONValue] = [:])
    /// `{"type": "input_image", "image_url"?, "file_id"?, "detail"?}`
    case inputImage(InputImage)
    /// `{"type": "input_file", "file_data"?, "file_id"?, "filename"?, "file_url"?}`
    case inputFile(InputFile)
    /// `{"type": "output_text", "text", "annotations", "logprobs"?}`
    case outputText(OutputText)
    /// `{"type": "refusal", "refusal": …}`
    case refusal(String, extra: [String: JSONValue] = [:])
    /// A part of a type this gateway does not model.
    case other(JSONValue)

    /// The wire `type` of the part.
    public var type: String {
        switch self {
        case .inputText: "input_text"
        case .inputImage: "input_image"
        case .inputFile: "input_file"
        case .outputText: "output_text"
        case .refusal: "refusal"
        case .other(let value): value["type"]?.stringValue ?? ""
        }
    }

    /// The text of an `input_text` or `output_text` part, nil for every other part.
    public var text: String? {
        switch self {
        case .inputText(let text, _): text
        case .outputText(let output): output.text
        default: nil
        }
    }
}

extension ResponseContentPart: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case text
        case refusal
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "input_text":
            let text = try container.decode(String.self, forKey: .text)
            self = .inputText(text, extra: try decoder.extraFields(excluding: ["type", "text"]))
        case "input_image":
            self = .inputImage(try InputImage(from: decoder))
        case "input_file":
            self = .inputFile(try InputFile(from: decoder))
        case "output_text":
            self = .outputText(try OutputText(from: decoder))
        case "refusal":
            let refusal = try container.decode(String.self, forKey: .refusal)
            self = .refusal(refusal, extra: try decoder.extraFields(excluding: ["type", "refusal"]))
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
        case .inputText(let text, let extra):
            try container.encode(text, forKey: .text)
            try encoder.encodeExtraFields(extra)
        case .inputImage(let image):
            try image.encode(to: encoder)
        case .inputFile(let file):
            try file.encode(to: encoder)
        case .outputText(let output):
            try output.encode(to: encoder)
        case .refusal(let refusal, let extra):
            try container.encode(refusal, forKey: .refusal)
            try encoder.encodeExtraFields(extra)
        case .other:
            break
        }
    }
}
