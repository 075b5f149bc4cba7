/// A model's reasoning: readable text with the signature that vouches for it, or an encrypted
/// (redacted) blob. Both must be sent back unchanged in later turns of a thinking conversation.
public enum BedrockReasoningContent: Sendable, Hashable {
    /// `{"reasoningText": {"text", "signature"}}`
    case reasoningText(text: String, signature: String?)
    /// `{"redactedContent": "<base64>"}`
    case redactedContent(String)
}

extension BedrockReasoningContent: Codable {
    private enum CodingKeys: String, CodingKey { case reasoningText, redactedContent }
    private enum TextKeys: String, CodingKey { case text, signature }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.reasoningText) {
            let inner = try container.nestedContainer(keyedBy: TextKeys.self, forKey: .reasoningText)
            self = .reasoningText(
                text: try inner.decodeIfPresent(String.self, forKey: .text) ?? "",
                signature: try inner.decodeIfPresent(String.self, forKey: .signature)
            )
        } else {
            self = .redactedContent(try container.decode(String.self, forKey: .redactedContent))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .reasoningText(let text, let signature):
            var inner = container.nestedContainer(keyedBy: TextKeys.self, forKey: .reasoningText)
            try inner.encode(text, forKey: .text)
            try inner.encodeIfPresent(signature, forKey: .signature)
        case .redactedContent(let data):
            try container.encode(data, forKey: .redactedContent)
        }
    }
}
