/// The `input` of a Responses request: one user message as a string, or a list of items.
///
/// The shape it arrived in is the shape it is written back in.
public enum ResponsesInput: Sendable, Hashable {
    case text(String)
    case items([ResponseItem])

    /// The input as items: a string is one user message.
    public var items: [ResponseItem] {
        switch self {
        case .text(let text): [.message(ResponseMessage(role: .user, content: .text(text)))]
        case .items(let items): items
        }
    }
}

extension ResponsesInput: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .items(try container.decode([ResponseItem].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .items(let items): try container.encode(items)
        }
    }
}
