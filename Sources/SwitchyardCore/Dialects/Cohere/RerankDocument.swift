/// One document of a rerank request: a string, or (Cohere v1) an object whose `text` or
/// `rank_fields` members are ranked.
public enum RerankDocument: Sendable, Hashable {
    case text(String)
    case object([String: JSONValue])

    /// The document as Cohere v1 returns it with `return_documents`: `{"text": …}` for a
    /// string, the object itself otherwise.
    public var returned: JSONValue {
        switch self {
        case .text(let text): .object(["text": .string(text)])
        case .object(let members): .object(members)
        }
    }
}

extension RerankDocument: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .object(let members): try container.encode(members)
        }
    }
}
