/// A plain string or an array of typed parts: the `content` of a message item and the
/// `output` of a function call output item.
///
/// The shape it arrived in is the shape it is written back in.
public enum ResponseContent: Sendable, Hashable {
    case text(String)
    case parts([ResponseContentPart])

    /// The parts, a string being one `input_text` part.
    public var parts: [ResponseContentPart] {
        switch self {
        case .text(let text): [.inputText(text)]
        case .parts(let parts): parts
        }
    }
}

extension ResponseContent: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .parts(try container.decode([ResponseContentPart].self))
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
