/// What to embed (`input`): one string, several strings, one token array or several.
public enum EmbeddingInput: Sendable, Hashable {
    case string(String)
    case strings([String])
    case tokens([Int])
    case tokenArrays([[Int]])

    /// How many embeddings the input asks for.
    public var count: Int {
        switch self {
        case .string, .tokens: 1
        case .strings(let items): items.count
        case .tokenArrays(let items): items.count
        }
    }
}

extension EmbeddingInput: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let texts = try? container.decode([String].self) {
            self = .strings(texts)
        } else if let tokens = try? container.decode([Int].self) {
            self = .tokens(tokens)
        } else if let arrays = try? container.decode([[Int]].self) {
            self = .tokenArrays(arrays)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "input must be a string, an array of strings, or token arrays"
            )
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .strings(let texts): try container.encode(texts)
        case .tokens(let tokens): try container.encode(tokens)
        case .tokenArrays(let arrays): try container.encode(arrays)
        }
    }
}

extension EmbeddingInput: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
