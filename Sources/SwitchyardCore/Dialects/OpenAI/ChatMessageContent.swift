/// The `content` of a chat message: a plain string or an array of typed parts.
///
/// The shape it arrived in is the shape it is written back in.
public enum ChatMessageContent: Sendable, Hashable {
    case text(String)
    case parts([ChatContentPart])

    /// The text of the content: the string itself, or the text parts joined with a space.
    ///
    /// Images, audio, files and unknown parts contribute nothing.
    public var text: String {
        switch self {
        case .text(let text):
            return text
        case .parts(let parts):
            return parts.compactMap(\.text).joined(separator: " ")
        }
    }
}

extension ChatMessageContent: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .parts(try container.decode([ChatContentPart].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .parts(let parts): try container.encode(parts)
        }
    }
}

extension ChatMessageContent: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}
