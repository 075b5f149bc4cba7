/// One block of a Converse message, a union told apart by which single member is present.
///
/// A block of a kind this gateway does not model (`cachePoint`, `video`…) is kept
/// whole in `.other` and written back unchanged.
public enum BedrockContentBlock: Sendable, Hashable {
    /// `{"text": …}`
    case text(String)
    /// `{"image": {"format", "source": {"bytes"}}}`
    case image(BedrockImageBlock)
    /// `{"document": {"format", "name", "source": {"bytes"}}}`
    case document(BedrockDocumentBlock)
    /// `{"toolUse": {"toolUseId", "name", "input"}}`
    case toolUse(BedrockToolUseBlock)
    /// `{"toolResult": {"toolUseId", "content", "status"}}`
    case toolResult(BedrockToolResultBlock)
    /// `{"reasoningContent": {"reasoningText": {"text", "signature"}} | {"redactedContent"}}`
    case reasoningContent(BedrockReasoningContent)
    case other(JSONValue)

    /// The text of a text block, nil for every other block.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

extension BedrockContentBlock: Codable {
    private enum CodingKeys: String, CodingKey {
        case text, image, document, toolUse, toolResult, reasoningContent
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(text)
        } else if let image = try? container.decodeIfPresent(BedrockImageBlock.self, forKey: .image) {
            self = .image(image)
        } else if let document = try? container.decodeIfPresent(BedrockDocumentBlock.self, forKey: .document) {
            self = .document(document)
        } else if let toolUse = try container.decodeIfPresent(BedrockToolUseBlock.self, forKey: .toolUse) {
            self = .toolUse(toolUse)
        } else if let result = try container.decodeIfPresent(BedrockToolResultBlock.self, forKey: .toolResult) {
            self = .toolResult(result)
        } else if let reasoning = try container.decodeIfPresent(BedrockReasoningContent.self, forKey: .reasoningContent) {
            self = .reasoningContent(reasoning)
        } else {
            self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text): try container.encode(text, forKey: .text)
        case .image(let image): try container.encode(image, forKey: .image)
        case .document(let document): try container.encode(document, forKey: .document)
        case .toolUse(let toolUse): try container.encode(toolUse, forKey: .toolUse)
        case .toolResult(let result): try container.encode(result, forKey: .toolResult)
        case .reasoningContent(let reasoning): try container.encode(reasoning, forKey: .reasoningContent)
        case .other(let value): try value.encode(to: encoder)
        }
    }
}
